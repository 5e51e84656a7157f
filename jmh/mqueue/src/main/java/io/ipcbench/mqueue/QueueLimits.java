package io.ipcbench.mqueue;

import io.ipcbench.os.ResourceLimits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kernel's limits on message queues, read from /proc when a trial is validated, so that a
 * size or depth this kernel cannot carry is refused before anything is created, naming the
 * limit, where it is read and how to raise it. A message is never truncated to fit.
 * The POSIX limits are applied as the kernel applies them to an unprivileged process, even where
 * this one holds CAP_SYS_RESOURCE and could exceed them, so that a size runs or is refused the
 * same for every user. System V's msgmax binds everyone; its msgmnb is only the limit a new
 * queue starts with, which the queue's owner may raise with msgctl(IPC_SET) given
 * CAP_SYS_RESOURCE: the mechanism does so where it may, and refuses otherwise.
 */
record QueueLimits(long posixMessages, long posixMessageBytes, long sysvMessageBytes, long sysvQueueBytes,
                   boolean mayRaiseQueueBytes) {
    static final Path POSIX_MSG_MAX = Path.of("/proc/sys/fs/mqueue/msg_max");
    static final Path POSIX_MSGSIZE_MAX = Path.of("/proc/sys/fs/mqueue/msgsize_max");
    static final Path SYSV_MSGMAX = Path.of("/proc/sys/kernel/msgmax");
    static final Path SYSV_MSGMNB = Path.of("/proc/sys/kernel/msgmnb");
    private static final int CAP_SYS_RESOURCE = 24;

    static QueueLimits read() {
        return new QueueLimits(number(POSIX_MSG_MAX), number(POSIX_MSGSIZE_MAX), number(SYSV_MSGMAX), number(SYSV_MSGMNB),
                hasCapability(CAP_SYS_RESOURCE));
    }

    /** Throws {@link IllegalArgumentException} when this kernel cannot carry {@code depth} messages of {@code size} bytes per queue. */
    void check(QueueApi api, int size, int depth, long queueBytes) {
        switch (api) {
            case POSIX -> {
                requireSize(size, posixMessageBytes, "a POSIX message queue", POSIX_MSGSIZE_MAX, "fs.mqueue.msgsize_max");
                if (depth > posixMessages) {
                    throw new IllegalArgumentException("mqueue: depth=" + depth + " is unsupported on this kernel: a POSIX message"
                            + " queue holds at most " + posixMessages + " messages (" + POSIX_MSG_MAX + "); raise it with"
                            + " sysctl -w fs.mqueue.msg_max=" + depth + ", or choose a smaller depth");
                }
            }
            case SYSV -> {
                requireSize(size, sysvMessageBytes, "a System V message queue", SYSV_MSGMAX, "kernel.msgmax");
                if (queueBytes > sysvQueueBytes && !mayRaiseQueueBytes) {
                    throw new IllegalArgumentException("mqueue: depth=" + depth + " messages of size=" + size + " need " + queueBytes
                            + " bytes per queue, and a System V message queue holds at most " + sysvQueueBytes + " (" + SYSV_MSGMNB
                            + "); this process lacks CAP_SYS_RESOURCE to raise one queue's limit with msgctl(IPC_SET), so raise"
                            + " the default with sysctl -w kernel.msgmnb=" + queueBytes + ", or choose a smaller depth or size");
                }
            }
        }
    }

    private static void requireSize(int size, long limit, String queue, Path file, String sysctl) {
        if (size > limit) {
            throw new IllegalArgumentException("mqueue: size=" + size + " is unsupported on this kernel: " + queue
                    + " carries messages of at most " + limit + " bytes (" + file + ") and ipcbench never truncates one;"
                    + " raise the limit with sysctl -w " + sysctl + "=" + size + ", or choose a smaller size");
        }
    }

    private static long number(Path file) {
        try {
            return ResourceLimits.sysctl(file);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot read the message queue limit " + file
                    + " (a kernel without CONFIG_POSIX_MQUEUE or CONFIG_SYSVIPC has no message queues)", e.getCause());
        }
    }

    /** Whether this process's effective capability set (CapEff in /proc/self/status) holds {@code capability}. */
    private static boolean hasCapability(int capability) {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("CapEff:"))
                    .map(line -> Long.parseUnsignedLong(line.substring("CapEff:".length()).strip(), 16))
                    .anyMatch(mask -> (mask & (1L << capability)) != 0);
        } catch (IOException e) {
            return false;
        }
    }
}
