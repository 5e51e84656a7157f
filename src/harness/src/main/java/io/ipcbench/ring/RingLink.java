package io.ipcbench.ring;

import io.ipcbench.link.Link;

import java.lang.foreign.MemorySegment;

/**
 * One process's end of the two rings: it produces into {@code out} and consumes from {@code in}.
 * A message is copied into a slot by the sender and out of it by the receiver, as the kernel
 * mechanisms must copy it too, so both are measured moving the same bytes.
 */
final class RingLink implements Link {
    private final Runnable release;
    private final Ring in;
    private final Sync outSync;
    private final Sync inSync;
    private final RingSender sender;
    private long read;

    /** {@code release}: what closing this end releases: the mapping, or nothing where another end of this process owns it. */
    RingLink(Runnable release, Ring out, Sync outSync, Ring in, Sync inSync) {
        this.release = release;
        this.in = in;
        this.outSync = outSync;
        this.inSync = inSync;
        this.sender = new RingSender(out, outSync);
    }

    @Override
    public void send(MemorySegment message, int length) {
        sender.send(message, length);
    }

    @Override
    public void receive(MemorySegment into, int length) {
        long index = read;
        inSync.awaitMessage(index);
        MemorySegment.copy(in.region, in.slotOffset(index), into, 0, length);
        inSync.release(index + 1);
        read = index + 1;
    }

    @Override
    public void close() {
        outSync.close();
        inSync.close();
        release.run();
    }
}
