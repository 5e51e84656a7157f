package io.ipcbench.cacheline;

import io.ipcbench.os.Errno;
import io.ipcbench.os.Libc;
import io.ipcbench.os.NativeException;
import io.ipcbench.os.Pinning;
import io.ipcbench.ring.RingDescriptor;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;

/**
 * Two threads of one process that only ever sleep and wake each other: the cost of a cross-CPU
 * wake-up with nothing else in it. The calling thread publishes a sequence number in the ping
 * word and wakes the echo thread (FUTEX_WAKE), then sleeps on the pong word (FUTEX_WAIT) until the
 * echo thread, woken, has copied the number there and woken it back: a round trip of two
 * wake-ups. The calls are the suite's own ({@link Libc#futexWait}, {@link Libc#futexWake}, the
 * shared futex ops the FUTEX strategy uses between processes), and every wake is made whether or
 * not the other thread already sleeps, so a round trip pays two FUTEX_WAKE calls, and two sleeps
 * whenever the woken side comes back later than the waker reaches its own wait: where a wake-up
 * takes microseconds, nearly always; where it is quicker than a system call (an idle VM), in part
 * of the hand-offs only ({@link #benchmarkSleeps}, {@link #echoSleeps} count them). The two words sit on cache lines of their own. Each sleep is bounded (200 ms),
 * after which the sleeper checks the other thread.
 */
public final class FutexPingPong implements AutoCloseable {
    /** How parameters and failures name this floor. */
    public static final String NAME = "futex wake-up";
    /** The echo thread's name, whole in /proc/self/task/.../comm (15 characters at most). */
    public static final String ECHO_THREAD = "futex-echo";
    private static final long PING = 0;
    private static final long PONG = 2L * RingDescriptor.CACHE_LINE;
    private static final long SLEEP_BOUND_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long STOP_MILLIS = 5_000;
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

    private final Arena arena = Arena.ofShared();
    private final MemorySegment words = arena.allocate(3L * RingDescriptor.CACHE_LINE, RingDescriptor.CACHE_LINE);
    private final MemorySegment ping = words.asSlice(PING, Integer.BYTES);
    private final MemorySegment pong = words.asSlice(PONG, Integer.BYTES);
    private final Thread echo;
    private volatile boolean closing;
    private volatile Throwable echoFailure;
    /** Written by the echo thread only. */
    private volatile long echoSleeps;
    /** Used by the calling thread only. */
    private int sequence;
    private long benchmarkSleeps;
    private final MemorySegment benchmarkBound = sleepBound(arena);

    /** Starts the echo thread, pinned to the plan's peer CPU. */
    public FutexPingPong(Pinning.Plan cpus) {
        echo = new Thread(() -> echo(cpus.peerCpu()), ECHO_THREAD);
        echo.setDaemon(true);
        echo.start();
    }

    /** One round trip: wakes the echo thread, sleeps until it has answered. */
    public void roundTrip() {
        int next = ++sequence;
        setRelease(ping, next);
        Libc.futexWake(ping, 1);
        int seen;
        while ((seen = getAcquire(pong)) != next) {
            if (sleep(pong, seen, benchmarkBound)) {
                benchmarkSleeps++;
            } else if (!echo.isAlive()) {
                throw new IllegalStateException(NAME + ": the echo thread " + (echoFailure == null ? "ended"
                        : "failed (" + echoFailure + ")") + " while the benchmark waited for round trip " + next);
            }
        }
    }

    /** Round trips completed by the calling thread. */
    public long roundTrips() {
        return sequence;
    }

    /** Times the calling thread slept and was woken. */
    public long benchmarkSleeps() {
        return benchmarkSleeps;
    }

    /** Times the echo thread slept and was woken. */
    public long echoSleeps() {
        return echoSleeps;
    }

    private void echo(int cpu) {
        try {
            Cpus.pin(cpu);
            MemorySegment bound = sleepBound(arena);
            int answered = 0;
            while (!closing) {
                int seen = getAcquire(ping);
                if (seen == answered) {
                    if (sleep(ping, seen, bound)) {
                        echoSleeps++;
                    }
                    continue;
                }
                answered = seen;
                setRelease(pong, answered);
                Libc.futexWake(pong, 1);
            }
        } catch (Throwable t) {
            echoFailure = t;
        }
    }

    /**
     * FUTEX_WAIT while {@code word} holds {@code seen}, at most 200 ms. True when the thread slept
     * and was woken; false when the word had already moved, the bound passed or a signal came.
     */
    private static boolean sleep(MemorySegment word, int seen, MemorySegment bound) {
        int r = Libc.futexWait(word, seen, bound);
        if (r != 0 && r != -Errno.EAGAIN && r != -Errno.ETIMEDOUT && r != -Errno.EINTR) {
            throw new NativeException("futex(FUTEX_WAIT)", -r);
        }
        return r == 0;
    }

    private static MemorySegment sleepBound(Arena arena) {
        MemorySegment timespec = arena.allocate(Libc.TIMESPEC);
        timespec.set(ValueLayout.JAVA_LONG, 8, SLEEP_BOUND_NANOS);
        return timespec;
    }

    private static int getAcquire(MemorySegment word) {
        return (int) INT.getAcquire(word, 0L);
    }

    private static void setRelease(MemorySegment word, int value) {
        INT.setRelease(word, 0L, value);
    }

    /** Stops the echo thread (at most one bounded sleep, 200 ms), then frees the words. */
    @Override
    public void close() {
        closing = true;
        Libc.futexWake(ping, 1);
        try {
            echo.join(STOP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (echo.isAlive()) {
            throw new IllegalStateException(NAME + ": the echo thread did not stop within " + STOP_MILLIS + " ms");
        }
        arena.close();
    }
}
