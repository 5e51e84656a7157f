package io.ipcbench.shm;

import io.ipcbench.link.Liveness;

/**
 * Both sides busy-wait on the other's index with acquire loads and publish with release stores:
 * no system call, no sleep, a core burnt per waiting side. The hand-off costs one cache-line
 * transfer each way: the floor for inter-process messaging.
 */
final class SpinSync implements Sync {
    private final Ring ring;
    private final Liveness other;

    SpinSync(Ring ring, Liveness other) {
        this.ring = ring;
        this.other = other;
    }

    @Override
    public void awaitRoom(long index) {
        spinUntilAbove(ring.consumed, index - ring.capacity, "room in the ring");
    }

    @Override
    public void publish(long next) {
        ring.published.setRelease(next);
    }

    @Override
    public void awaitMessage(long index) {
        spinUntilAbove(ring.published, index, "a message in the ring");
    }

    @Override
    public void release(long next) {
        ring.consumed.setRelease(next);
    }

    private void spinUntilAbove(SharedIndex watched, long threshold, String what) {
        for (int spins = 1; watched.getAcquire() <= threshold; spins++) {
            Thread.onSpinWait();
            if (spins % SPINS_PER_CHECK == 0) {
                other.check(what);
            }
        }
    }
}
