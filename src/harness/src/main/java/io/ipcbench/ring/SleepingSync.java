package io.ipcbench.ring;

import io.ipcbench.link.Liveness;

/**
 * The protocol of every strategy that sleeps, an eventcount: a wake is paid once per sleep. A
 * waiter that finds the other side's index unchanged spins for at most {@code spinNanos}, then
 * announces itself in the index's announcement word, re-reads the index and sleeps only if it
 * still has not moved; it announces again before every sleep. A side that moves its index takes
 * the announcement (back to 0, atomically) and wakes the other only when it took one, so a busy
 * pair makes no system call, and a sleeper being woken is not woken again by the messages that
 * follow. The handshake is Dekker's: the waiter's announcement and the mover's index store are
 * each followed by a full fence before the load of the other word, so one of the two sees the
 * other. The waiter sleeps on the announcement itself (the futex word, or a doorbell that keeps
 * its count), so an announcement taken before the sleep begins makes the sleep return at once:
 * a wake cannot be lost between the re-check and the sleep. Subclasses supply how a process
 * sleeps and how it is woken (a futex, an eventfd doorbell). Each side counts its sleeps and
 * wake calls ({@link SideCounters}), on the slow path only.
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
        awaitAbove(ring.consumed, index - ring.capacity, ring.producerCounters, "room in the ring");
    }

    @Override
    public final void publish(long next) {
        advance(ring.published, next, ring.producerCounters);
    }

    @Override
    public final void awaitMessage(long index) {
        awaitAbove(ring.published, index, ring.consumerCounters, "a message in the ring");
    }

    @Override
    public final void release(long next) {
        advance(ring.consumed, next, ring.consumerCounters);
    }

    @Override
    public final boolean sleeps() {
        return true;
    }

    /** Wakes the process that sleeps waiting for {@code own} to move. */
    abstract void wake(SharedIndex own);

    /**
     * Sleeps until woken or until a bound passed, at once if {@code watched}'s announcement was
     * already taken; checks the other process when a wake-up brought nothing ({@code watched}
     * still at {@code seen}), and throws if it is gone.
     */
    abstract void sleep(SharedIndex watched, long seen, String what);

    private void advance(SharedIndex own, long next, SideCounters counters) {
        own.setVolatile(next);
        if (own.takeAnnouncementVolatile()) {
            counters.incrementWakesOpaque();
            wake(own);
        }
    }

    private void awaitAbove(SharedIndex watched, long threshold, SideCounters counters, String what) {
        if (watched.getAcquire() > threshold || watched.spinUntilAbove(threshold, spinNanos)) {
            return;
        }
        for (long seen; ; ) {
            watched.announceVolatile();
            if ((seen = watched.getVolatile()) > threshold) {
                break;
            }
            counters.incrementSleepsOpaque();
            sleep(watched, seen, what);
            if (watched.getVolatile() > threshold) {
                break;
            }
        }
        // An announcement still standing (the index moved before the sleep, or the sleep ended
        // without a wake) is withdrawn, so that no wake is paid for it; if the mover took it
        // first, its wake finds no sleeper (a futex) or leaves a count that shortens a later sleep (a doorbell).
        watched.takeAnnouncementVolatile();
    }
}
