package io.ipcbench.os;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Every libc call of the suite, through java.lang.foreign. Hot-path calls (read, write, futex,
 * semaphores) return {@code -errno} instead of throwing, so a caller that expects EAGAIN or
 * ETIMEDOUT allocates nothing; set-up calls throw {@link NativeException} naming the call.
 * errno is captured by the linker into a per-thread segment allocated once.
 */
public final class Libc {
    private static final long SYS_FUTEX = 202;
    private static final long SYS_FUTEX_WAITV = 449;
    private static final int CLOCK_MONOTONIC = 1;
    /** struct futex_waitv's flags for a 32-bit word shared between processes (no FUTEX2_PRIVATE). */
    private static final int FUTEX2_SIZE_U32 = 0x02;
    private static final long SYS_PIDFD_OPEN = 434;
    private static final long SYS_PIDFD_GETFD = 438;
    private static final long PR_SET_PDEATHSIG = 1;
    private static final int FUTEX_WAIT = 0;
    private static final int FUTEX_WAKE = 1;
    private static final int O_CREAT = 0100;
    private static final int O_EXCL = 0200;
    public static final int O_CLOEXEC = 02000000;
    private static final int O_NONBLOCK = 04000;
    private static final int F_GETFL = 3;
    private static final int F_SETFL = 4;
    public static final int SIGKILL = 9;
    /** Layout of struct timespec: tv_sec, tv_nsec. */
    public static final StructLayout TIMESPEC = MemoryLayout.structLayout(JAVA_LONG, JAVA_LONG);
    /** Layout of struct futex_waitv: val, uaddr, flags, __reserved. */
    public static final StructLayout FUTEX_WAITV = MemoryLayout.structLayout(JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT);

    // ssize_t read(int fd, void *buf, size_t count);  buf as a raw address: a partial read at an offset allocates no slice
    private static final MethodHandle READ = Native.errnoCall("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG));
    // ssize_t write(int fd, const void *buf, size_t count);  buf as a raw address, as for read
    private static final MethodHandle WRITE = Native.errnoCall("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG));
    // int close(int fd);
    private static final MethodHandle CLOSE = Native.errnoCall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    // int fcntl(int fd, int cmd, ... /* int arg */);
    private static final MethodHandle FCNTL = Native.errnoCall("fcntl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), 2);
    // int pipe2(int pipefd[2], int flags);
    private static final MethodHandle PIPE2 = Native.errnoCall("pipe2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    // int sched_setaffinity(pid_t pid, size_t cpusetsize, const cpu_set_t *mask);
    private static final MethodHandle SCHED_SETAFFINITY = Native.errnoCall("sched_setaffinity", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS));
    // int sched_getaffinity(pid_t pid, size_t cpusetsize, cpu_set_t *mask);
    private static final MethodHandle SCHED_GETAFFINITY = Native.errnoCall("sched_getaffinity", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS));
    // int prctl(int option, ...);
    private static final MethodHandle PRCTL = Native.errnoCall("prctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG), 1);
    // pid_t getppid(void);
    private static final MethodHandle GETPPID = Native.call("getppid", FunctionDescriptor.of(JAVA_INT));
    // long syscall(SYS_futex, uint32_t *uaddr, int op, uint32_t val, const struct timespec *timeout);
    private static final MethodHandle SYSCALL_FUTEX = Native.errnoCall("syscall", FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS), 1);
    // long syscall(SYS_futex_waitv, struct futex_waitv *waiters, unsigned int nr_futexes, unsigned int flags, struct timespec *timeout, clockid_t clockid);
    private static final MethodHandle SYSCALL_FUTEX_WAITV = Native.errnoCall("syscall", FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG), 1);
    // long syscall(long number, long a, long b, long c);
    private static final MethodHandle SYSCALL3 = Native.errnoCall("syscall", FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG), 1);
    // sem_t *sem_open(const char *name, int oflag, mode_t mode, unsigned int value);
    private static final MethodHandle SEM_OPEN = Native.errnoCall("sem_open", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT), 2);
    // int sem_trywait(sem_t *sem);
    private static final MethodHandle SEM_TRYWAIT = Native.errnoCall("sem_trywait", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    // int sem_timedwait(sem_t *sem, const struct timespec *abs_timeout);
    private static final MethodHandle SEM_TIMEDWAIT = Native.errnoCall("sem_timedwait", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    // int sem_post(sem_t *sem);
    private static final MethodHandle SEM_POST = Native.errnoCall("sem_post", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    // int sem_close(sem_t *sem);
    private static final MethodHandle SEM_CLOSE = Native.errnoCall("sem_close", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    // int sem_unlink(const char *name);
    private static final MethodHandle SEM_UNLINK = Native.errnoCall("sem_unlink", FunctionDescriptor.of(JAVA_INT, ADDRESS));

    private Libc() {}

    /** read(2) into native memory at {@code address}: bytes read (0 at end of file), or -errno. */
    public static long read(int fd, long address, long count) {
        try {
            MemorySegment errno = Native.errnoSegment();
            long n = (long) READ.invokeExact(errno, fd, address, count);
            return n >= 0 ? n : -Native.errno(errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** write(2) from native memory at {@code address}: bytes written, or -errno. */
    public static long write(int fd, long address, long count) {
        try {
            MemorySegment errno = Native.errnoSegment();
            long n = (long) WRITE.invokeExact(errno, fd, address, count);
            return n >= 0 ? n : -Native.errno(errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static void close(int fd) {
        try {
            MemorySegment errno = Native.errnoSegment();
            Native.check("close(" + fd + ")", (int) CLOSE.invokeExact(errno, fd), errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** fcntl(F_SETFL): switches O_NONBLOCK on, so read and write return EAGAIN instead of sleeping. */
    public static void setNonBlocking(int fd) {
        setNonBlocking(fd, true);
    }

    /** fcntl(F_SETFL): switches O_NONBLOCK off, for a descriptor that had to be opened non-blocking. */
    public static void setBlocking(int fd) {
        setNonBlocking(fd, false);
    }

    private static void setNonBlocking(int fd, boolean on) {
        try {
            MemorySegment errno = Native.errnoSegment();
            int flags = (int) Native.check("fcntl(" + fd + ", F_GETFL)", (int) FCNTL.invokeExact(errno, fd, F_GETFL, 0), errno);
            int wanted = on ? flags | O_NONBLOCK : flags & ~O_NONBLOCK;
            Native.check("fcntl(" + fd + ", F_SETFL)", (int) FCNTL.invokeExact(errno, fd, F_SETFL, wanted), errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** pipe2(2): {read end, write end}. */
    public static int[] pipe2(int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            MemorySegment errno = Native.errnoSegment();
            Native.check("pipe2", (int) PIPE2.invokeExact(errno, fds, flags), errno);
            return new int[] {fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1)};
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** Pins the calling thread to one CPU. */
    public static void pinCurrentThread(int cpu) {
        setThreadAffinity(0, java.util.List.of(cpu));
    }

    /**
     * sched_setaffinity(2) for thread {@code tid} (0: the calling thread): it may run on {@code cpus}
     * only. False when the thread has exited meanwhile (ESRCH).
     */
    public static boolean setThreadAffinity(int tid, java.util.Collection<Integer> cpus) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mask = arena.allocate(JAVA_LONG, 16); // cpu_set_t: 1024 bits
            for (int cpu : cpus) {
                mask.setAtIndex(JAVA_LONG, cpu / 64, mask.getAtIndex(JAVA_LONG, cpu / 64) | 1L << (cpu % 64));
            }
            MemorySegment errno = Native.errnoSegment();
            int r = (int) SCHED_SETAFFINITY.invokeExact(errno, tid, mask.byteSize(), mask);
            if (r != 0 && Native.errno(errno) == Errno.ESRCH) {
                return false;
            }
            Native.check("sched_setaffinity(" + (tid == 0 ? "this thread" : "thread " + tid) + ", CPUs " + cpus + ")", r, errno);
            return true;
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** The CPUs the calling thread may run on, in ascending order. */
    public static int[] allowedCpus() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mask = arena.allocate(JAVA_LONG, 16);
            MemorySegment errno = Native.errnoSegment();
            Native.check("sched_getaffinity", (int) SCHED_GETAFFINITY.invokeExact(errno, 0, mask.byteSize(), mask), errno);
            return java.util.stream.IntStream.range(0, 1024)
                    .filter(cpu -> (mask.getAtIndex(JAVA_LONG, cpu / 64) & (1L << (cpu % 64))) != 0)
                    .toArray();
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** prctl(PR_SET_PDEATHSIG): the kernel sends {@code signal} when the thread that spawned us exits. */
    public static void setParentDeathSignal(int signal) {
        try {
            MemorySegment errno = Native.errnoSegment();
            Native.check("prctl(PR_SET_PDEATHSIG)", (int) PRCTL.invokeExact(errno, (int) PR_SET_PDEATHSIG, (long) signal), errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static int getppid() {
        try {
            return (int) GETPPID.invokeExact();
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /**
     * FUTEX_WAIT (shared, not private: the word lives in memory mapped by two processes): sleeps
     * while the 32-bit word at {@code word} equals {@code expected}, at most {@code relTimeout}.
     * Returns 0 when woken, or -errno (EAGAIN: the word had already changed; ETIMEDOUT; EINTR).
     */
    public static int futexWait(MemorySegment word, int expected, MemorySegment relTimeout) {
        try {
            MemorySegment errno = Native.errnoSegment();
            long r = (long) SYSCALL_FUTEX.invokeExact(errno, SYS_FUTEX, word, (long) FUTEX_WAIT, (long) expected, relTimeout);
            return r == 0 ? 0 : -Native.errno(errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** Fills entry {@code i} of a futex_waitv array: wait while the shared 32-bit word at {@code word} equals {@code expected}. */
    public static void setFutexWaiter(MemorySegment waiters, int i, MemorySegment word, int expected) {
        long at = i * FUTEX_WAITV.byteSize();
        waiters.set(JAVA_LONG, at, expected);
        waiters.set(JAVA_LONG, at + 8, word.address());
        waiters.set(JAVA_INT, at + 16, FUTEX2_SIZE_U32);
        waiters.set(JAVA_INT, at + 20, 0);
    }

    /**
     * futex_waitv(2) (Linux 5.16): sleeps until one of the {@code count} words of {@code waiters}
     * ({@link #setFutexWaiter}) is woken, at most until {@code absTimeout} on CLOCK_MONOTONIC (the
     * clock of System.nanoTime). Returns the index of the woken word, or -errno (EAGAIN: a word had
     * already changed; ETIMEDOUT; EINTR).
     */
    public static int futexWaitv(MemorySegment waiters, int count, MemorySegment absTimeout) {
        try {
            MemorySegment errno = Native.errnoSegment();
            long r = (long) SYSCALL_FUTEX_WAITV.invokeExact(errno, SYS_FUTEX_WAITV, waiters, (long) count, 0L, absTimeout,
                    (long) CLOCK_MONOTONIC);
            return r >= 0 ? (int) r : -Native.errno(errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** FUTEX_WAKE: wakes up to {@code count} waiters on {@code word}. */
    public static void futexWake(MemorySegment word, int count) {
        try {
            MemorySegment errno = Native.errnoSegment();
            long r = (long) SYSCALL_FUTEX.invokeExact(errno, SYS_FUTEX, word, (long) FUTEX_WAKE, (long) count, MemorySegment.NULL);
            if (r < 0) {
                throw new NativeException("futex(FUTEX_WAKE)", Native.errno(errno));
            }
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** pidfd_open(2) then pidfd_getfd(2): a duplicate, in this process, of file descriptor {@code fd} of process {@code pid}. */
    public static int duplicateFrom(long pid, int fd) {
        try {
            MemorySegment errno = Native.errnoSegment();
            long pidfd = (long) SYSCALL3.invokeExact(errno, SYS_PIDFD_OPEN, pid, 0L, 0L);
            Native.check("pidfd_open(" + pid + ")", (int) pidfd, errno);
            try {
                long dup = (long) SYSCALL3.invokeExact(errno, SYS_PIDFD_GETFD, pidfd, (long) fd, 0L);
                Native.check("pidfd_getfd(pid " + pid + ", fd " + fd + ")", (int) dup, errno);
                return (int) dup;
            } finally {
                close((int) pidfd);
            }
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** sem_open(3): creates (O_CREAT|O_EXCL, 0600, with {@code value}) or opens an existing named semaphore. */
    public static MemorySegment semOpen(String name, boolean create, int value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Native.errnoSegment();
            int flags = create ? O_CREAT | O_EXCL : 0;
            MemorySegment sem = (MemorySegment) SEM_OPEN.invokeExact(errno, arena.allocateFrom(name), flags, 0600, value);
            if (sem.address() == 0) {
                throw new NativeException("sem_open(" + name + ")", Native.errno(errno));
            }
            return sem;
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** sem_trywait(3): 0 when it took a count, or -errno (EAGAIN: the count was zero). */
    public static int semTryWait(MemorySegment sem) {
        try {
            MemorySegment errno = Native.errnoSegment();
            int r = (int) SEM_TRYWAIT.invokeExact(errno, sem);
            return r == 0 ? 0 : -Native.errno(errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** sem_timedwait(3) with an absolute CLOCK_REALTIME deadline: 0, or -errno (ETIMEDOUT, EINTR). */
    public static int semTimedWait(MemorySegment sem, MemorySegment absDeadline) {
        try {
            MemorySegment errno = Native.errnoSegment();
            int r = (int) SEM_TIMEDWAIT.invokeExact(errno, sem, absDeadline);
            return r == 0 ? 0 : -Native.errno(errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static void semPost(MemorySegment sem) {
        try {
            MemorySegment errno = Native.errnoSegment();
            Native.check("sem_post", (int) SEM_POST.invokeExact(errno, sem), errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static void semClose(MemorySegment sem) {
        try {
            MemorySegment errno = Native.errnoSegment();
            Native.check("sem_close", (int) SEM_CLOSE.invokeExact(errno, sem), errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** sem_unlink(3); returns false when no such semaphore exists. */
    public static boolean semUnlink(String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Native.errnoSegment();
            int r = (int) SEM_UNLINK.invokeExact(errno, arena.allocateFrom(name));
            if (r != 0 && Native.errno(errno) == Errno.ENOENT) {
                return false;
            }
            Native.check("sem_unlink(" + name + ")", r, errno);
            return true;
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }
}
