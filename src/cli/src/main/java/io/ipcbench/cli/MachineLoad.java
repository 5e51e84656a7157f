package io.ipcbench.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * How busy the machine was with work other than the run, from /proc/stat over the run's whole
 * duration: on a shared machine this decides whether two runs are comparable at all. The run's own
 * CPU time (the runner, every JMH fork and every peer, which the kernel adds to their parents'
 * when they are reaped) is subtracted from all busy time; hypervisor steal is time a virtual CPU
 * wanted to run and the host gave to someone else.
 *
 * @param otherCpuPercent CPU time of other processes, in % of all CPUs' time (100 = every CPU busy)
 * @param stealPercent    time stolen by the hypervisor, in % of all CPUs' time
 * @param loadAverages    the 1-minute load average at the start and at the end
 */
record MachineLoad(double otherCpuPercent, double stealPercent, String loadAverages) {
    /** Other work beyond this share makes a run's numbers the machine's as much as the code's. */
    static final double BUSY_PERCENT = 10;

    /** The counters at one moment, in clock ticks. */
    record Snapshot(long busy, long steal, long total, long own, String loadAverage) {
        static Snapshot take() {
            long[] cpu = cpuTicks();
            // user nice system idle iowait irq softirq steal (guest time is already in user)
            long busy = cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6];
            long total = Arrays.stream(cpu, 0, 8).sum();
            return new Snapshot(busy, cpu[7], total, ownTicks(), oneMinuteLoadAverage());
        }
    }

    static MachineLoad between(Snapshot start, Snapshot end) {
        double total = end.total - start.total;
        if (total <= 0) {
            return new MachineLoad(Double.NaN, Double.NaN, start.loadAverage + " → " + end.loadAverage);
        }
        double other = Math.max(0, (end.busy - start.busy) - (end.own - start.own));
        return new MachineLoad(100 * other / total, 100 * (end.steal - start.steal) / total,
                start.loadAverage + " → " + end.loadAverage);
    }

    boolean busy() {
        return otherCpuPercent > BUSY_PERCENT || stealPercent > BUSY_PERCENT;
    }

    String describe() {
        return Fmt.num(otherCpuPercent) + " % of the CPUs used by other processes, " + Fmt.num(stealPercent)
                + " % stolen by the hypervisor (load average " + loadAverages + ")";
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
