package io.ipcbench.shm;

import io.ipcbench.link.Liveness;
import io.ipcbench.os.Errno;
import io.ipcbench.os.Libc;
import io.ipcbench.os.NativeException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;

/**
 * A waiter that finds the other side's index unchanged spins for at most {@code spinNanos}, then
 * announces itself in the index's waiter count and sleeps in FUTEX_WAIT on the index's low word.
 * A side that moves its index wakes the other only when someone sleeps, so a busy pair makes no
 * system call at all. The handshake is Dekker's: the waiter increments the count (a full fence)
 * before re-reading the index; the mover stores the index (volatile) before reading the count;
 * one of the two sees the other, and FUTEX_WAIT refuses to sleep if the word already moved.
 * With {@code spinNanos = 0} this is plain futex sleeping (FUTEX); with a budget it is the
 * spin-then-park pattern production queues use (SPIN_THEN_FUTEX).
 */
final class FutexSync implements Sync {
    /** Bound on one sleep, after which the waiter checks the other process is alive. */
    private static final long SLEEP_BOUND_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final Ring ring;
    private final Liveness other;
    private final long spinNanos;
    private final MemorySegment sleepBound;

    FutexSync(Ring ring, Liveness other, long spinNanos) {
        this.ring = ring;
        this.other = other;
        this.spinNanos = spinNanos;
        this.sleepBound = Arena.ofAuto().allocate(Libc.TIMESPEC);
        sleepBound.set(ValueLayout.JAVA_LONG, 0, 0);
        sleepBound.set(ValueLayout.JAVA_LONG, 8, SLEEP_BOUND_NANOS);
    }

    @Override
    public void awaitRoom(long index) {
        awaitAbove(ring.consumed, index - ring.capacity, "room in the ring");
    }

    @Override
    public void publish(long next) {
        advance(ring.published, next);
    }

    @Override
    public void awaitMessage(long index) {
        awaitAbove(ring.published, index, "a message in the ring");
    }

    @Override
    public void release(long next) {
        advance(ring.consumed, next);
    }

    private void advance(SharedIndex own, long next) {
        own.setVolatile(next);
        if (own.waitersVolatile() != 0) {
            Libc.futexWake(own.futexWord, 1);
        }
    }

    private void awaitAbove(SharedIndex watched, long threshold, String what) {
        if (watched.getAcquire() > threshold || watched.spinUntilAbove(threshold, spinNanos)) {
            return;
        }
        watched.addWaitersVolatile(1);
        try {
            for (long seen; (seen = watched.getVolatile()) <= threshold; ) {
                int r = Libc.futexWait(watched.futexWord, (int) seen, sleepBound);
                if (r == -Errno.ETIMEDOUT) {
                    other.check(what);
                } else if (r != 0 && r != -Errno.EAGAIN && r != -Errno.EINTR) {
                    throw new NativeException("futex(FUTEX_WAIT)", -r);
                }
            }
        } finally {
            watched.addWaitersVolatile(-1);
        }
    }
}
