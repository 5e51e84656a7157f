package io.ipcbench.os;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the kernel has charged a process so far: context switches summed over all its threads
 * (/proc/PID/status counts only the thread it is read for, so each /proc/PID/task/TID/status is
 * read), and user and system CPU time of the whole process (/proc/PID/stat, which also keeps
 * the time of threads that already exited), converted from clock ticks to nanoseconds.
 */
public record ProcessCost(long voluntarySwitches, long involuntarySwitches, long userNanos, long systemNanos) {
    /** USER_HZ: the unit of utime and stime in /proc/PID/stat; 100 on every Linux architecture the suite runs on. */
    private static final long NANOS_PER_TICK = 1_000_000_000L / 100;

    public static ProcessCost of(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        long voluntary = 0;
        long involuntary = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("task"))) {
            for (Path task : tasks) {
                for (String line : readLines(task.resolve("status"))) {
                    if (line.startsWith("voluntary_ctxt_switches:")) {
                        voluntary += value(line);
                    } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                        involuntary += value(line);
                    }
                }
            }
            String stat = Files.readString(proc.resolve("stat"));
            // fields after the command name, which may contain spaces, start after the last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(fields[11]);
            long stime = Long.parseLong(fields[12]);
            return new ProcessCost(voluntary, involuntary, utime * NANOS_PER_TICK, stime * NANOS_PER_TICK);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the costs of process " + pid + " from " + proc + ": " + e.getMessage(), e);
        }
    }

    public ProcessCost minus(ProcessCost earlier) {
        return new ProcessCost(voluntarySwitches - earlier.voluntarySwitches, involuntarySwitches - earlier.involuntarySwitches,
                userNanos - earlier.userNanos, systemNanos - earlier.systemNanos);
    }

    public long switches() {
        return voluntarySwitches + involuntarySwitches;
    }

    /** A thread may exit between listing and reading: its status is gone, its counts with it. */
    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }

    private static long value(String line) {
        return Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
    }
}
