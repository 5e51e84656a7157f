package io.ipcbench.os;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * POSIX message queues (mq_overview(7)) through java.lang.foreign; glibc 2.34 and newer keep
 * them in libc itself. Send and receive are the hot calls: they return {@code -errno}
 * (EAGAIN on a non-blocking queue, ETIMEDOUT past the deadline) and allocate nothing.
 */
public final class MessageQueues {
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    private static final int O_RDWR = 2;
    private static final int O_CREAT = 0100;
    private static final int O_EXCL = 0200;
    public static final int O_NONBLOCK = 04000;
    private static final Path QUEUES_MAX = Path.of("/proc/sys/fs/mqueue/queues_max");
    /** struct mq_attr: mq_flags, mq_maxmsg, mq_msgsize, mq_curmsgs, then four reserved longs. */
    private static final long ATTR_BYTES = 64;
    private static final long ATTR_MAXMSG = 8;
    private static final long ATTR_MSGSIZE = 16;

    // mqd_t mq_open(const char *name, int oflag, ... /* mode_t mode, struct mq_attr *attr */);
    private static final MethodHandle MQ_OPEN = Native.errnoCall("mq_open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS), 2);
    // int mq_timedsend(mqd_t mqdes, const char *msg_ptr, size_t msg_len, unsigned int msg_prio, const struct timespec *abs_timeout);  msg_ptr as a raw address
    private static final MethodHandle MQ_TIMEDSEND = Native.errnoCall("mq_timedsend", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT, ADDRESS));
    // ssize_t mq_timedreceive(mqd_t mqdes, char *msg_ptr, size_t msg_len, unsigned int *msg_prio, const struct timespec *abs_timeout);  msg_ptr as a raw address
    private static final MethodHandle MQ_TIMEDRECEIVE = Native.errnoCall("mq_timedreceive", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS));
    // int mq_close(mqd_t mqdes);
    private static final MethodHandle MQ_CLOSE = Native.errnoCall("mq_close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    // int mq_unlink(const char *name);
    private static final MethodHandle MQ_UNLINK = Native.errnoCall("mq_unlink", FunctionDescriptor.of(JAVA_INT, ADDRESS));

    private MessageQueues() {}

    /** Creates queue {@code name} (O_CREAT|O_EXCL, 0600) holding {@code maxMessages} of up to {@code messageSize} bytes, then closes it. */
    public static void create(String name, long maxMessages, long messageSize) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment attr = arena.allocate(ATTR_BYTES);
            attr.set(JAVA_LONG, ATTR_MAXMSG, maxMessages);
            attr.set(JAVA_LONG, ATTR_MSGSIZE, messageSize);
            MemorySegment errno = Native.errnoSegment();
            int mqd = (int) MQ_OPEN.invokeExact(errno, arena.allocateFrom(name), O_CREAT | O_EXCL | O_RDWR, 0600, attr);
            if (mqd == -1) {
                int e = Native.errno(errno);
                String call = "mq_open(" + name + ", O_CREAT|O_EXCL, mq_maxmsg=" + maxMessages + ", mq_msgsize=" + messageSize + ")";
                throw switch (e) {
                    case Errno.EMFILE -> new IllegalStateException(call + " failed: EMFILE: " + tooManyQueueBytes(maxMessages * messageSize));
                    case Errno.ENOSPC -> new IllegalStateException(call + " failed: ENOSPC: the system holds as many queues as"
                            + " fs.mqueue.queues_max = " + ResourceLimits.sysctl(QUEUES_MAX) + " allows (" + QUEUES_MAX + "); remove stale ones"
                            + " (ls /dev/mqueue) or raise it: sysctl -w fs.mqueue.queues_max=" + 2 * ResourceLimits.sysctl(QUEUES_MAX));
                    default -> new NativeException(call, e);
                };
            }
            close(mqd);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** Why mq_open said EMFILE: the process is out of descriptors, or this user's queues are out of RLIMIT_MSGQUEUE bytes. */
    private static String tooManyQueueBytes(long messageBytes) {
        long openFiles = ResourceLimits.soft(ResourceLimits.OPEN_FILES);
        if (ResourceLimits.openDescriptors() + 1 >= openFiles) {
            return "this process has all " + openFiles + " file descriptors RLIMIT_NOFILE allows open; raise it: ulimit -n " + 2 * openFiles;
        }
        long limit = ResourceLimits.soft(ResourceLimits.MESSAGE_QUEUE_BYTES);
        return "this user's message queues may hold at most " + limit + " bytes (RLIMIT_MSGQUEUE), and this queue needs "
                + messageBytes + " for its messages plus the kernel's bookkeeping, beside the user's other queues; raise the limit"
                + " in the shell that starts the run (ulimit -q " + Math.max(2 * limit, 4 * messageBytes)
                + ", up to the hard limit), or choose a smaller depth or size";
    }

    /** Opens an existing queue; {@code flags} is O_RDONLY or O_WRONLY, with O_NONBLOCK for a busy-polling end. */
    public static int open(String name, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Native.errnoSegment();
            int mqd = (int) MQ_OPEN.invokeExact(errno, arena.allocateFrom(name), flags, 0, MemorySegment.NULL);
            return (int) Native.check("mq_open(" + name + ")", mqd, errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** mq_timedsend from native memory at {@code address}, priority 0: 0, or -errno. */
    public static int timedSend(int mqd, long address, long length, MemorySegment absDeadline) {
        try {
            MemorySegment errno = Native.errnoSegment();
            int r = (int) MQ_TIMEDSEND.invokeExact(errno, mqd, address, length, 0, absDeadline);
            return r == 0 ? 0 : -Native.errno(errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** mq_timedreceive into native memory at {@code address} ({@code capacity} must be at least mq_msgsize): the message's length, or -errno. */
    public static long timedReceive(int mqd, long address, long capacity, MemorySegment absDeadline) {
        try {
            MemorySegment errno = Native.errnoSegment();
            long n = (long) MQ_TIMEDRECEIVE.invokeExact(errno, mqd, address, capacity, MemorySegment.NULL, absDeadline);
            return n >= 0 ? n : -Native.errno(errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static void close(int mqd) {
        try {
            MemorySegment errno = Native.errnoSegment();
            Native.check("mq_close(" + mqd + ")", (int) MQ_CLOSE.invokeExact(errno, mqd), errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** mq_unlink(3); returns false when no such queue exists. */
    public static boolean unlink(String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Native.errnoSegment();
            int r = (int) MQ_UNLINK.invokeExact(errno, arena.allocateFrom(name));
            if (r != 0 && Native.errno(errno) == Errno.ENOENT) {
                return false;
            }
            Native.check("mq_unlink(" + name + ")", r, errno);
            return true;
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }
}
