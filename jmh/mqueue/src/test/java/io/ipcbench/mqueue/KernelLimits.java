package io.ipcbench.mqueue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The tests' own reading of the kernel's queue limits, independent of {@link QueueLimits}, so a
 * wrong limit or a wrong rule in the mechanism shows as a failing test.
 */
final class KernelLimits {
    static final long POSIX_MSG_MAX = read("/proc/sys/fs/mqueue/msg_max");
    static final long POSIX_MSGSIZE_MAX = read("/proc/sys/fs/mqueue/msgsize_max");
    static final long SYSV_MSGMAX = read("/proc/sys/kernel/msgmax");
    static final long SYSV_MSGMNB = read("/proc/sys/kernel/msgmnb");

    private KernelLimits() {}

    /** Whether this process may raise a System V queue's byte limit above msgmnb (CAP_SYS_RESOURCE, bit 24 of CapEff). */
    static boolean mayRaiseQueueBytes() {
        try {
            String capEff = Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("CapEff:")).findFirst().orElseThrow().substring(7).strip();
            return (Long.parseUnsignedLong(capEff, 16) & (1L << 24)) != 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Through cat(1), whose one large read returns the whole value. Files.readString would not do: an integer
     * sysctl ends the file for any read at a non-zero offset, and it reads such a file (size 0)
     * one byte first, so 8192 reads as 8.
     */
    private static long read(String file) {
        try {
            Process cat = new ProcessBuilder("cat", file).start();
            String value = new String(cat.getInputStream().readAllBytes()).strip();
            if (cat.waitFor() != 0) {
                throw new IllegalStateException("cat " + file + " failed");
            }
            return Long.parseLong(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
