package io.ipcbench.cli.run;

import io.ipcbench.cli.results.MachineLoad;
import io.ipcbench.cli.results.RunInfo;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The counters a {@link MachineLoad} is measured between, at one moment, in clock ticks: every
 * CPU's busy, stolen and total time (/proc/stat), this process's own CPU time with its reaped
 * children's (/proc/self/stat), and the 1-minute load average. One is taken when the modules start
 * and one when they end.
 */
record MachineLoadSnapshot(long busy, long steal, long total, long own, String loadAverage) {
    static MachineLoadSnapshot take() {
        long[] cpu = cpuTicks();
        // user nice system idle iowait irq softirq steal (guest time is already in user)
        long busy = cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6];
        long total = Arrays.stream(cpu, 0, 8).sum();
        return new MachineLoadSnapshot(busy, cpu[7], total, ownTicks(), oneMinuteLoadAverage());
    }

    /** The machine's other work from {@code start} to {@code end}, both taken by this process. */
    static MachineLoad between(MachineLoadSnapshot start, MachineLoadSnapshot end) {
        double total = end.total - start.total;
        if (total <= 0) {
            return new MachineLoad(Double.NaN, Double.NaN, start.loadAverage + " → " + end.loadAverage);
        }
        double other = Math.max(0, (end.busy - start.busy) - (end.own - start.own));
        return new MachineLoad(100 * other / total, 100 * (end.steal - start.steal) / total,
                start.loadAverage + " → " + end.loadAverage);
    }

    private static long[] cpuTicks() {
        List<String> stat = RunEnvironment.lines(Path.of("/proc/stat"));
        String[] fields = stat.isEmpty() ? new String[0] : stat.getFirst().trim().split("\\s+");
        long[] ticks = new long[8];
        for (int i = 0; i < ticks.length && i + 1 < fields.length; i++) {
            ticks[i] = Long.parseLong(fields[i + 1]);
        }
        return ticks;
    }

    /** utime + stime + cutime + cstime of this process: fields 14 to 17 of /proc/self/stat. */
    private static long ownTicks() {
        List<String> stat = RunEnvironment.lines(Path.of("/proc/self/stat"));
        if (stat.isEmpty()) {
            return 0;
        }
        String line = stat.getFirst();
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state): field n is fields[n - 3]
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }

    private static String oneMinuteLoadAverage() {
        List<String> loadavg = RunEnvironment.lines(Path.of("/proc/loadavg"));
        return loadavg.isEmpty() ? RunInfo.UNKNOWN : loadavg.getFirst().split(" ")[0];
    }
}
