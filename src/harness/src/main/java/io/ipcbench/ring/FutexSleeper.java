package io.ipcbench.ring;

import io.ipcbench.link.Liveness;
import io.ipcbench.os.Errno;
import io.ipcbench.os.Libc;
import io.ipcbench.os.NativeException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;

/**
 * One waiting end's bounded sleeps on announcement words ({@link SharedIndex#futexWord}): each
 * sleep lasts while a word still holds {@link SharedIndex#ANNOUNCED}, at most {@link #SLEEP_BOUND_NANOS},
 * after which the other process is checked and the caller re-reads what it waits for. The
 * timespecs are allocated once, so a sleep allocates nothing.
 */
final class FutexSleeper {
    /** Bound on one sleep, after which the waiter checks the other process is alive. */
    static final long SLEEP_BOUND_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final Liveness other;
    private final long boundNanos;
    private final MemorySegment relativeBound;
    private final MemorySegment deadline;

    FutexSleeper(Liveness other, long boundNanos) {
        this.other = other;
        this.boundNanos = boundNanos;
        this.relativeBound = Arena.ofAuto().allocate(Libc.TIMESPEC);
        setTimespec(relativeBound, boundNanos);
        this.deadline = Arena.ofAuto().allocate(Libc.TIMESPEC);
    }

    /**
     * Waits until {@code watched} exceeds {@code threshold}: spins up to {@code spinNanos}, then
     * announces, re-reads and sleeps on the announcement until it does. The announcement may be
     * left standing (several waiters may share it: none withdraws another's); a caller that waits
     * alone withdraws it ({@link SharedIndex#takeAnnouncementVolatile}).
     */
    void awaitAbove(SharedIndex watched, long threshold, long spinNanos, String what) {
        if (watched.getAcquire() > threshold || watched.spinUntilAbove(threshold, spinNanos)) {
            return;
        }
        do {
            watched.announceVolatile();
            if (watched.getVolatile() > threshold) {
                return;
            }
            sleepOn(watched.futexWord, what);
        } while (watched.getVolatile() <= threshold);
    }

    /** Sleeps on one word (FUTEX_WAIT), at once back if it no longer holds the announcement. */
    void sleepOn(MemorySegment word, String what) {
        int r = Libc.futexWait(word, SharedIndex.ANNOUNCED, relativeBound);
        if (r == -Errno.ETIMEDOUT) {
            other.check(what);
        } else if (r != 0 && r != -Errno.EAGAIN && r != -Errno.EINTR) {
            throw new NativeException("futex(FUTEX_WAIT)", -r);
        }
    }

    /** Sleeps on the first {@code count} words of {@code waiters} ({@link Libc#setFutexWaiter}) at once (futex_waitv). */
    void sleepOnAny(MemorySegment waiters, int count, String what) {
        setTimespec(deadline, System.nanoTime() + boundNanos); // System.nanoTime reads CLOCK_MONOTONIC on Linux
        int r = Libc.futexWaitv(waiters, count, deadline);
        if (r == -Errno.ETIMEDOUT) {
            other.check(what);
        } else if (r < 0 && r != -Errno.EAGAIN && r != -Errno.EINTR) {
            throw new NativeException("futex_waitv", -r);
        }
    }

    private static void setTimespec(MemorySegment timespec, long nanos) {
        timespec.set(ValueLayout.JAVA_LONG, 0, nanos / 1_000_000_000L);
        timespec.set(ValueLayout.JAVA_LONG, 8, nanos % 1_000_000_000L);
    }
}
