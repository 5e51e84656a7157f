package io.ipcbench.ring;

import io.ipcbench.link.FanIn;

import java.lang.foreign.MemorySegment;

/**
 * The producing end of one {@link Ring}: waits for room as its {@link Sync} says, copies the message
 * into the slot, publishes it. One end of a {@link RingLink}, or a producer of {@link PolledRings}.
 */
final class RingSender implements FanIn.Sender {
    private final Ring ring;
    private final Sync sync;
    private long written;

    RingSender(Ring ring, Sync sync) {
        this.ring = ring;
        this.sync = sync;
    }

    @Override
    public void send(MemorySegment message, int length) {
        if (length > ring.slotBytes()) {
            throw new IllegalArgumentException("a " + length + "-byte message does not fit a " + ring.slotBytes() + "-byte slot");
        }
        long index = written;
        sync.awaitRoom(index);
        MemorySegment.copy(message, 0, ring.region, ring.slotOffset(index), length);
        sync.publish(index + 1);
        written = index + 1;
    }
}
