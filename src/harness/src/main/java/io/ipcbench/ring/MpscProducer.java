package io.ipcbench.ring;

import io.ipcbench.link.FanIn;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.SpinThenCheck;
import io.ipcbench.os.Libc;

import java.lang.foreign.MemorySegment;

/**
 * One producer's end of an {@link MpscRing}: claim a ticket, wait for its slot to be free, copy,
 * publish. SPIN busy-waits for room and publishes with a release store; FUTEX and SPIN_THEN_FUTEX
 * sleep on the consumed index's announcement (all waiting producers share it, and the consumer
 * wakes them all), and publish with a store and a full fence, then wake the consumer only if it
 * announced that it sleeps on this slot.
 */
final class MpscProducer implements FanIn.Sender {
    private static final String ROOM = "room in the ring";

    private final MpscRing ring;
    private final int index;
    private final boolean sleeps;
    private final long spinNanos;
    private final SpinThenCheck spin;
    private final FutexSleeper sleeper;

    MpscProducer(MpscRing ring, int index, SyncKind sync, Liveness consumer) {
        this.ring = ring;
        this.index = index;
        this.sleeps = FanInRings.sleeps(sync);
        this.spinNanos = FanInRings.spinNanos(sync);
        this.spin = new SpinThenCheck(consumer);
        this.sleeper = new FutexSleeper(consumer, FutexSleeper.SLEEP_BOUND_NANOS);
        ring.recordAttached(index, ProcessHandle.current().pid());
    }

    @Override
    public void send(MemorySegment message, int length) {
        ring.recordTicket(index, MpscRingDescriptor.CLAIMING);
        long ticket = ring.claim();
        ring.recordTicket(index, ticket);
        long threshold = ticket - ring.capacity;
        if (sleeps) {
            sleeper.awaitAbove(ring.consumed, threshold, spinNanos, ROOM);
        } else {
            ring.consumed.spinUntilAbove(threshold, spin, ROOM);
        }
        MemorySegment.copy(message, 0, ring.region, ring.payloadOffset(ticket), length);
        SharedIndex head = ring.head(ticket);
        if (sleeps) {
            head.setVolatile(ticket + 1);
            if (head.takeAnnouncementVolatile()) {
                Libc.futexWake(head.futexWord, 1);
            }
        } else {
            head.setRelease(ticket + 1);
        }
    }
}
