package io.ipcbench.signal;

import io.ipcbench.os.Libc;
import io.ipcbench.os.Native;
import io.ipcbench.os.NativeException;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Signals as messages between threads of two processes, through java.lang.foreign: blocking
 * them in the receiving thread, taking them with sigtimedwait(2), sending them to one thread
 * with tgkill(2) or, with a value, rt_tgsigqueueinfo(2). Only thread-directed sends: a
 * process-directed signal (kill, sigqueue) goes to any thread that does not block it, and the
 * JVM's own threads, started before we could block anything, do not; SIGUSR1's and SIGRTMIN's
 * default action would then terminate the JVM. Hot calls return -errno, as in {@link Libc}.
 */
public final class Signals {
    public static final int SIGUSR1 = 10;
    /** si_code of a signal sent with a value (sigqueue, rt_tgsigqueueinfo). */
    public static final int SI_QUEUE = -1;
    /** glibc's sigset_t: 1024 bits. */
    private static final long SIGSET_BYTES = 128;
    /** siginfo_t on x86-64: 128 bytes; for kill, tkill and queued signals the fields below. */
    private static final long SIGINFO_BYTES = 128;
    public static final long SI_SIGNO = 0;
    public static final long SI_CODE = 8;
    public static final long SI_PID = 16;
    public static final long SI_UID = 20;
    public static final long SI_VALUE = 24;
    private static final int SIG_BLOCK = 0;
    private static final int RLIMIT_SIGPENDING = 11;
    private static final long SYS_RT_TGSIGQUEUEINFO = 297;

    // int sigemptyset(sigset_t *set);
    private static final MethodHandle SIGEMPTYSET = Native.errnoCall("sigemptyset", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    // int sigaddset(sigset_t *set, int signum);
    private static final MethodHandle SIGADDSET = Native.errnoCall("sigaddset", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    // int pthread_sigmask(int how, const sigset_t *set, sigset_t *oldset);  returns the error number itself
    private static final MethodHandle PTHREAD_SIGMASK = Native.call("pthread_sigmask", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    // int sigtimedwait(const sigset_t *set, siginfo_t *info, const struct timespec *timeout);
    private static final MethodHandle SIGTIMEDWAIT = Native.errnoCall("sigtimedwait", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
    // int tgkill(pid_t tgid, pid_t tid, int sig);
    private static final MethodHandle TGKILL = Native.errnoCall("tgkill", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    // long syscall(SYS_rt_tgsigqueueinfo, pid_t tgid, pid_t tid, int sig, siginfo_t *info);
    private static final MethodHandle SYSCALL_QUEUE = Native.errnoCall("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS), 1);
    // pid_t gettid(void);
    private static final MethodHandle GETTID = Native.call("gettid", FunctionDescriptor.of(JAVA_INT));
    // uid_t getuid(void);
    private static final MethodHandle GETUID = Native.call("getuid", FunctionDescriptor.of(JAVA_INT));
    // int __libc_current_sigrtmin(void);  what the SIGRTMIN macro expands to
    private static final MethodHandle SIGRTMIN = Native.call("__libc_current_sigrtmin", FunctionDescriptor.of(JAVA_INT));
    // int getrlimit(int resource, struct rlimit *rlim);
    private static final MethodHandle GETRLIMIT = Native.errnoCall("getrlimit", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));

    private Signals() {}

    /** A sigset_t holding {@code signal} alone. */
    public static MemorySegment setOf(Arena arena, int signal) {
        MemorySegment set = arena.allocate(SIGSET_BYTES, 8);
        try {
            MemorySegment errno = Native.errnoSegment();
            Native.check("sigemptyset", (int) SIGEMPTYSET.invokeExact(errno, set), errno);
            Native.check("sigaddset(" + signal + ")", (int) SIGADDSET.invokeExact(errno, set, signal), errno);
            return set;
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** Blocks the signals of {@code set} in the calling thread, so that they wait for sigtimedwait instead of being handled. */
    public static void blockInThisThread(MemorySegment set) {
        try {
            int error = (int) PTHREAD_SIGMASK.invokeExact(SIG_BLOCK, set, MemorySegment.NULL);
            if (error != 0) {
                throw new NativeException("pthread_sigmask(SIG_BLOCK)", error);
            }
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** A siginfo_t for sigtimedwait to fill. */
    public static MemorySegment info(Arena arena) {
        return arena.allocate(SIGINFO_BYTES, 8);
    }

    /**
     * sigtimedwait(2): takes one pending signal of {@code set} into {@code info}, waiting at most
     * {@code relTimeout}. Returns the signal number, or -errno (EAGAIN: timed out; EINTR).
     */
    public static int timedWait(MemorySegment set, MemorySegment info, MemorySegment relTimeout) {
        try {
            MemorySegment errno = Native.errnoSegment();
            int r = (int) SIGTIMEDWAIT.invokeExact(errno, set, info, relTimeout);
            return r > 0 ? r : -Native.errno(errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** tgkill(2): {@code signal} to thread {@code tid} of process {@code pid}. 0, or -errno (ESRCH: no such thread). */
    public static int tgkill(int pid, int tid, int signal) {
        try {
            MemorySegment errno = Native.errnoSegment();
            int r = (int) TGKILL.invokeExact(errno, pid, tid, signal);
            return r == 0 ? 0 : -Native.errno(errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** A siginfo_t for {@link #queue}: SI_QUEUE from this process and user, its value set per send. */
    public static MemorySegment queueInfo(Arena arena, int signal) {
        MemorySegment info = info(arena);
        info.set(JAVA_INT, SI_SIGNO, signal);
        info.set(JAVA_INT, SI_CODE, SI_QUEUE);
        info.set(JAVA_INT, SI_PID, (int) ProcessHandle.current().pid());
        info.set(JAVA_INT, SI_UID, uid());
        return info;
    }

    /**
     * rt_tgsigqueueinfo(2): queues {@code signal} carrying {@code value} for thread {@code tid} of
     * process {@code pid}, with {@code info} from {@link #queueInfo}. 0, or -errno (EAGAIN: the
     * queue limit RLIMIT_SIGPENDING is reached; ESRCH: no such thread).
     */
    public static int queue(int pid, int tid, int signal, MemorySegment info, long value) {
        info.set(JAVA_LONG, SI_VALUE, value);
        try {
            MemorySegment errno = Native.errnoSegment();
            long r = (long) SYSCALL_QUEUE.invokeExact(errno, SYS_RT_TGSIGQUEUEINFO, (long) pid, (long) tid, (long) signal, info);
            return r == 0 ? 0 : -Native.errno(errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** The calling thread's id, as tgkill wants it. */
    public static int gettid() {
        try {
            return (int) GETTID.invokeExact();
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** SIGRTMIN as glibc defines it at run time (34 with NPTL, which keeps the first two realtime signals). */
    public static int sigrtmin() {
        try {
            return (int) SIGRTMIN.invokeExact();
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** RLIMIT_SIGPENDING's soft limit (ulimit -i): queued signals allowed to this user, all processes together. */
    public static long pendingLimit() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment rlimit = arena.allocate(JAVA_LONG, 2);
            MemorySegment errno = Native.errnoSegment();
            Native.check("getrlimit(RLIMIT_SIGPENDING)", (int) GETRLIMIT.invokeExact(errno, RLIMIT_SIGPENDING, rlimit), errno);
            long soft = rlimit.getAtIndex(JAVA_LONG, 0);
            return soft < 0 ? Long.MAX_VALUE : soft; // RLIM_INFINITY is all ones
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    private static int uid() {
        try {
            return (int) GETUID.invokeExact();
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }
}
