package io.ipcbench.ring;

import io.ipcbench.link.Liveness;
import io.ipcbench.link.SpinThenCheck;

/**
 * Both sides busy-wait on the other's index with acquire loads and publish with release stores:
 * no system call, no sleep, a core burnt per waiting side. The hand-off costs one cache-line
 * transfer each way: the floor for inter-process messaging.
 */
final class SpinSync implements Sync {
    private final Ring ring;
    private final SpinThenCheck spin;

    SpinSync(Ring ring, Liveness other) {
        this.ring = ring;
        this.spin = new SpinThenCheck(other);
    }

    @Override
    public void awaitRoom(long index) {
        ring.consumed.spinUntilAbove(index - ring.capacity, spin, "room in the ring");
    }

    @Override
    public void publish(long next) {
        ring.published.setRelease(next);
    }

    @Override
    public void awaitMessage(long index) {
        ring.published.spinUntilAbove(index, spin, "a message in the ring");
    }

    @Override
    public void release(long next) {
        ring.consumed.setRelease(next);
    }
}
