package io.ipcbench.os;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Limits, for errors that name the limit and its value: this process's resource limits as the
 * kernel reports them in /proc/self/limits, the room left under RLIMIT_NOFILE, and sysctls.
 */
public final class ResourceLimits {
    public static final String OPEN_FILES = "Max open files";
    public static final String MESSAGE_QUEUE_BYTES = "Max msgqueue size";
    /**
     * Descriptors one trial may open in the benchmark JVM: a mechanism opens a handful (two
     * sockets, queues or eventfds, an epoll set), starting the peer three pipes; the rest is room
     * for what the JVM opens meanwhile (class files, JIT and GC logs).
     */
    public static final int TRIAL_DESCRIPTORS = 64;

    private ResourceLimits() {}

    /** The soft limit named {@code limit} (a row of /proc/self/limits), or Long.MAX_VALUE when unlimited. */
    public static long soft(String limit) {
        try (var lines = Files.lines(Path.of("/proc/self/limits"))) {
            String value = lines.filter(line -> line.startsWith(limit)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("/proc/self/limits has no row " + limit))
                    .substring(limit.length()).strip().split("\\s+")[0];
            return value.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/limits", e);
        }
    }

    /**
     * An integer sysctl under /proc/sys, read with one buffered read: such a file answers a read at
     * a non-zero offset with end of file, and Files.readString (JDK 25) reads a file that reports
     * size 0 one byte first, so it would return "8" for 8192.
     */
    public static long sysctl(Path file) {
        try {
            return Long.parseLong(Files.readAllLines(file).getFirst().strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** How many file descriptors this process has open now. */
    public static long openDescriptors() {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count() - 1; // the directory stream's own
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list /proc/self/fd", e);
        }
    }

    /** Throws, before anything is created, when RLIMIT_NOFILE leaves {@code trial} less than {@link #TRIAL_DESCRIPTORS}. */
    public static void requireDescriptorsForTrial(String trial) {
        requireDescriptorsForTrial(trial, TRIAL_DESCRIPTORS);
    }

    /** The same for a trial that needs {@code needed} descriptors (one with several peer processes: three pipes each). */
    public static void requireDescriptorsForTrial(String trial, long needed) {
        long limit = soft(OPEN_FILES);
        long open = openDescriptors();
        if (limit - open < needed) {
            throw new IllegalStateException(trial + ": this process has " + open + " file descriptors open and may have at most "
                    + limit + " (RLIMIT_NOFILE), but a trial needs up to " + needed + " more; raise the limit in the"
                    + " shell that starts the run: ulimit -n " + Math.max(1024, open + 2 * needed));
        }
    }
}
