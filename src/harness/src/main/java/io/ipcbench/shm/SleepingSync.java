package io.ipcbench.shm;

import io.ipcbench.link.Liveness;

/**
 * The protocol of every strategy that sleeps: a waiter that finds the other side's index
 * unchanged spins for at most {@code spinNanos}, then announces itself in the index's waiter
 * count and sleeps; a side that moves its index wakes the other only when someone sleeps, so a
 * busy pair makes no system call at all. The handshake is Dekker's: the waiter increments the
 * count (a locked add, a full fence) before re-reading the index; the mover stores the index
 * (volatile) before reading the count; one of the two sees the other. Subclasses supply how a
 * process sleeps and how it is woken (a futex, an eventfd doorbell).
 */
abstract class SleepingSync implements Sync {
    final Ring ring;
    final Liveness other;
    private final long spinNanos;

    SleepingSync(Ring ring, Liveness other, long spinNanos) {
        this.ring = ring;
        this.other = other;
        this.spinNanos = spinNanos;
    }

    @Override
    public final void awaitRoom(long index) {
        awaitAbove(ring.consumed, index - ring.capacity, "room in the ring");
    }

    @Override
    public final void publish(long next) {
        advance(ring.published, next);
    }

    @Override
    public final void awaitMessage(long index) {
        awaitAbove(ring.published, index, "a message in the ring");
    }

    @Override
    public final void release(long next) {
        advance(ring.consumed, next);
    }

    /** Wakes the process that sleeps waiting for {@code own} to move. */
    abstract void wake(SharedIndex own);

    /**
     * Sleeps until woken, until {@code watched} moved from {@code seen}, or until a bound passed;
     * checks the other process whenever a wake-up brought nothing, and throws if it is gone.
     */
    abstract void sleep(SharedIndex watched, long seen, String what);

    private void advance(SharedIndex own, long next) {
        own.setVolatile(next);
        if (own.waitersVolatile() != 0) {
            wake(own);
        }
    }

    private void awaitAbove(SharedIndex watched, long threshold, String what) {
        if (watched.getAcquire() > threshold || watched.spinUntilAbove(threshold, spinNanos)) {
            return;
        }
        watched.addWaitersVolatile(1);
        try {
            for (long seen; (seen = watched.getVolatile()) <= threshold; ) {
                sleep(watched, seen, what);
            }
        } finally {
            watched.addWaitersVolatile(-1);
        }
    }
}
