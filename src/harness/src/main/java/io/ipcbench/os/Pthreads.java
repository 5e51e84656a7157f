package io.ipcbench.os;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Process-shared, robust pthread mutexes and condition variables placed in memory that two
 * processes map (glibc 2.34 and later keep pthread in libc), through java.lang.foreign. The
 * pthread calls return an error number instead of setting errno; the hot ones (lock, unlock,
 * signal, wait) return it as it is, and allocate nothing. Where the objects live is the caller's:
 * {@link #MUTEX_BYTES} and {@link #CONDITION_BYTES} are glibc's x86-64 sizes, which
 * {@link #requireLayouts} checks against what this platform's init functions write.
 */
public final class Pthreads {
    /** sizeof(pthread_mutex_t) in glibc on x86-64. */
    public static final long MUTEX_BYTES = 40;
    /** sizeof(pthread_cond_t) in glibc on x86-64. */
    public static final long CONDITION_BYTES = 48;
    public static final int EBUSY = 16;
    public static final int EOWNERDEAD = 130;
    private static final int PTHREAD_PROCESS_SHARED = 1;
    private static final int PTHREAD_MUTEX_ROBUST = 1;
    private static final int CLOCK_MONOTONIC = 1;
    /** Room for a pthread_mutexattr_t or pthread_condattr_t (4 bytes in glibc), and for what {@link #requireLayouts} measures. */
    private static final long SCRATCH_BYTES = 256;
    private static final byte CANARY = 0x5a;

    private static final MethodHandle MUTEXATTR_INIT = pthread("pthread_mutexattr_init", ADDRESS);
    private static final MethodHandle MUTEXATTR_SETPSHARED = pthread("pthread_mutexattr_setpshared", ADDRESS, JAVA_INT);
    private static final MethodHandle MUTEXATTR_SETROBUST = pthread("pthread_mutexattr_setrobust", ADDRESS, JAVA_INT);
    private static final MethodHandle MUTEXATTR_DESTROY = pthread("pthread_mutexattr_destroy", ADDRESS);
    private static final MethodHandle MUTEX_INIT = pthread("pthread_mutex_init", ADDRESS, ADDRESS);
    private static final MethodHandle MUTEX_TRYLOCK = pthread("pthread_mutex_trylock", ADDRESS);
    // int pthread_mutex_clocklock(pthread_mutex_t *mutex, clockid_t clockid, const struct timespec *abstime);  glibc 2.30
    private static final MethodHandle MUTEX_CLOCKLOCK = pthread("pthread_mutex_clocklock", ADDRESS, JAVA_INT, ADDRESS);
    private static final MethodHandle MUTEX_UNLOCK = pthread("pthread_mutex_unlock", ADDRESS);
    private static final MethodHandle MUTEX_CONSISTENT = pthread("pthread_mutex_consistent", ADDRESS);
    private static final MethodHandle CONDATTR_INIT = pthread("pthread_condattr_init", ADDRESS);
    private static final MethodHandle CONDATTR_SETPSHARED = pthread("pthread_condattr_setpshared", ADDRESS, JAVA_INT);
    private static final MethodHandle CONDATTR_SETCLOCK = pthread("pthread_condattr_setclock", ADDRESS, JAVA_INT);
    private static final MethodHandle CONDATTR_DESTROY = pthread("pthread_condattr_destroy", ADDRESS);
    private static final MethodHandle COND_INIT = pthread("pthread_cond_init", ADDRESS, ADDRESS);
    private static final MethodHandle COND_SIGNAL = pthread("pthread_cond_signal", ADDRESS);
    private static final MethodHandle COND_TIMEDWAIT = pthread("pthread_cond_timedwait", ADDRESS, ADDRESS, ADDRESS);
    // int clock_gettime(clockid_t clockid, struct timespec *tp);  CLOCK_MONOTONIC cannot fail
    private static final MethodHandle CLOCK_GETTIME = pthread("clock_gettime", JAVA_INT, ADDRESS);

    private Pthreads() {}

    /**
     * Throws, naming both sizes, unless pthread_mutex_init and pthread_cond_init write exactly
     * {@link #MUTEX_BYTES} and {@link #CONDITION_BYTES} bytes here: glibc clears the whole object
     * before it sets its fields, so the bytes an init call changes in a buffer of a known pattern
     * are the object's size on this platform. Objects initialised here are never used.
     */
    public static void requireLayouts() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment attr = arena.allocate(SCRATCH_BYTES, 8);
            MemorySegment object = arena.allocate(SCRATCH_BYTES, 8);
            object.fill(CANARY);
            initMutex(object, attr);
            long mutex = written(object);
            object.fill(CANARY);
            initCondition(object, attr);
            long condition = written(object);
            if (mutex != MUTEX_BYTES || condition != CONDITION_BYTES) {
                throw new IllegalStateException("sync=MUTEX places glibc's x86-64 pthread_mutex_t (" + MUTEX_BYTES
                        + " bytes) and pthread_cond_t (" + CONDITION_BYTES + " bytes) in the shared rings, but on this platform"
                        + " pthread_mutex_init writes " + mutex + " bytes and pthread_cond_init " + condition
                        + "; choose another sync (SPIN, FUTEX, SPIN_THEN_FUTEX, SEMAPHORE, SYSV_SEMAPHORE)");
            }
        }
    }

    /** pthread_mutex_init of a process-shared, robust mutex at {@code mutex}. */
    public static void initSharedRobustMutex(MemorySegment mutex) {
        try (Arena arena = Arena.ofConfined()) {
            initMutex(mutex, arena.allocate(SCRATCH_BYTES, 8));
        }
    }

    /** pthread_cond_init of a process-shared condition variable at {@code condition} whose timed waits read CLOCK_MONOTONIC. */
    public static void initSharedMonotonicCondition(MemorySegment condition) {
        try (Arena arena = Arena.ofConfined()) {
            initCondition(condition, arena.allocate(SCRATCH_BYTES, 8));
        }
    }

    /** pthread_mutex_trylock: 0, or the error (EBUSY: held; EOWNERDEAD: taken from an owner that died). */
    public static int tryLock(MemorySegment mutex) {
        return call(MUTEX_TRYLOCK, mutex);
    }

    /** pthread_mutex_clocklock until the CLOCK_MONOTONIC {@code deadline}: 0, or the error (ETIMEDOUT, EOWNERDEAD). */
    public static int lockUntil(MemorySegment mutex, MemorySegment deadline) {
        try {
            return (int) MUTEX_CLOCKLOCK.invokeExact(mutex, CLOCK_MONOTONIC, deadline);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static void unlock(MemorySegment mutex) {
        check("pthread_mutex_unlock", call(MUTEX_UNLOCK, mutex));
    }

    /** pthread_mutex_consistent: a mutex taken with EOWNERDEAD may be unlocked and used again. */
    public static void markConsistent(MemorySegment mutex) {
        check("pthread_mutex_consistent", call(MUTEX_CONSISTENT, mutex));
    }

    public static void signal(MemorySegment condition) {
        check("pthread_cond_signal", call(COND_SIGNAL, condition));
    }

    /** pthread_cond_timedwait until the CLOCK_MONOTONIC {@code deadline}: 0, or the error (ETIMEDOUT, EOWNERDEAD); holds the mutex on return. */
    public static int waitUntil(MemorySegment condition, MemorySegment mutex, MemorySegment deadline) {
        try {
            return (int) COND_TIMEDWAIT.invokeExact(condition, mutex, deadline);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** Writes into {@code timespec} the CLOCK_MONOTONIC time {@code nanos} from now. */
    public static void monotonicDeadline(MemorySegment timespec, long nanos) {
        try {
            check("clock_gettime(CLOCK_MONOTONIC)", (int) CLOCK_GETTIME.invokeExact(CLOCK_MONOTONIC, timespec));
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
        long total = timespec.get(ValueLayout.JAVA_LONG, 8) + nanos;
        timespec.set(ValueLayout.JAVA_LONG, 0, timespec.get(ValueLayout.JAVA_LONG, 0) + total / 1_000_000_000L);
        timespec.set(ValueLayout.JAVA_LONG, 8, total % 1_000_000_000L);
    }

    private static void initMutex(MemorySegment mutex, MemorySegment attr) {
        check("pthread_mutexattr_init", call(MUTEXATTR_INIT, attr));
        try {
            check("pthread_mutexattr_setpshared(PTHREAD_PROCESS_SHARED)", call(MUTEXATTR_SETPSHARED, attr, PTHREAD_PROCESS_SHARED));
            check("pthread_mutexattr_setrobust(PTHREAD_MUTEX_ROBUST)", call(MUTEXATTR_SETROBUST, attr, PTHREAD_MUTEX_ROBUST));
            check("pthread_mutex_init", call(MUTEX_INIT, mutex, attr));
        } finally {
            check("pthread_mutexattr_destroy", call(MUTEXATTR_DESTROY, attr));
        }
    }

    private static void initCondition(MemorySegment condition, MemorySegment attr) {
        check("pthread_condattr_init", call(CONDATTR_INIT, attr));
        try {
            check("pthread_condattr_setpshared(PTHREAD_PROCESS_SHARED)", call(CONDATTR_SETPSHARED, attr, PTHREAD_PROCESS_SHARED));
            check("pthread_condattr_setclock(CLOCK_MONOTONIC)", call(CONDATTR_SETCLOCK, attr, CLOCK_MONOTONIC));
            check("pthread_cond_init", call(COND_INIT, condition, attr));
        } finally {
            check("pthread_condattr_destroy", call(CONDATTR_DESTROY, attr));
        }
    }

    /** Bytes from the start of {@code buffer} to the last one that no longer holds the canary. */
    private static long written(MemorySegment buffer) {
        for (long i = buffer.byteSize() - 1; i >= 0; i--) {
            if (buffer.get(ValueLayout.JAVA_BYTE, i) != CANARY) {
                return i + 1;
            }
        }
        return 0;
    }

    private static int call(MethodHandle function, MemorySegment object) {
        try {
            return (int) function.invokeExact(object);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    private static int call(MethodHandle function, MemorySegment object, int value) {
        try {
            return (int) function.invokeExact(object, value);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    private static int call(MethodHandle function, MemorySegment object, MemorySegment other) {
        try {
            return (int) function.invokeExact(object, other);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    private static void check(String call, int error) {
        if (error != 0) {
            throw new NativeException(call, error);
        }
    }

    /** A function returning its error number (pthread style): {@code int f(args)}. */
    private static MethodHandle pthread(String name, ValueLayout... args) {
        return Native.call(name, FunctionDescriptor.of(JAVA_INT, args));
    }
}
