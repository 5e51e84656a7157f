package io.ipcbench.ring;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

import static io.ipcbench.ring.MpscRingDescriptor.CLAIMING;
import static io.ipcbench.ring.MpscRingDescriptor.CLAIMS_OFFSET;
import static io.ipcbench.ring.MpscRingDescriptor.CLAIM_BLOCK_BYTES;
import static io.ipcbench.ring.MpscRingDescriptor.CONSUMED_OFFSET;
import static io.ipcbench.ring.MpscRingDescriptor.PAYLOAD_IN_SLOT_OFFSET;
import static io.ipcbench.ring.MpscRingDescriptor.PID_IN_CLAIM_OFFSET;
import static io.ipcbench.ring.MpscRingDescriptor.TAIL_OFFSET;
import static io.ipcbench.ring.MpscRingDescriptor.TICKET_IN_CLAIM_OFFSET;

/**
 * A ring of fixed-size slots that several producer processes write and one consumer reads, in
 * memory all of them map ({@link MpscRingDescriptor}). A producer claims the next ticket with an
 * atomic increment of the tail (getAndAdd: one locked instruction, whatever the contention); ticket
 * t owns slot {@code t mod capacity} once {@code consumed > t - capacity}; the producer copies its
 * message in, then publishes it by storing {@code t + 1} in the slot's header with release
 * semantics. The consumer takes tickets in order: it reads slot {@code r}'s header with acquire
 * semantics until it holds {@code r + 1}, copies the payload out, and advances {@code consumed}.
 * Producers publish out of ticket order; the consumer still reads in ticket order, so one producer
 * that claimed and did not publish holds every message behind it: each producer records the
 * ticket it holds, so the consumer can name it.
 */
final class MpscRing {
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();

    final MemorySegment region;
    final int capacity;
    /** Messages consumed, and the word in which producers waiting for room announce that they sleep. */
    final SharedIndex consumed;
    /** Each slot's header: ticket + 1 once published, and the word in which the consumer announces that it sleeps. */
    private final SharedIndex[] heads;
    private final int producers;
    private final long slots;
    private final long stride;
    private final long slotMask;

    /** {@code capacity}: a power of two, so that a mask picks the slot. */
    MpscRing(MemorySegment region, int producers, int capacity, int size) {
        this.region = region;
        this.capacity = capacity;
        this.producers = producers;
        this.consumed = new SharedIndex(region, CONSUMED_OFFSET);
        this.slots = MpscRingDescriptor.firstSlot(producers);
        this.stride = MpscRingDescriptor.stride(size);
        this.slotMask = capacity - 1;
        this.heads = new SharedIndex[capacity];
        for (int slot = 0; slot < capacity; slot++) {
            heads[slot] = new SharedIndex(region, slots + slot * stride);
        }
    }

    /** Takes the next ticket: an atomic increment of the tail, which every producer contends for. */
    long claim() {
        return (long) LONG.getAndAdd(region, TAIL_OFFSET, 1L);
    }

    /** Tickets claimed so far. */
    long claimedVolatile() {
        return (long) LONG.getVolatile(region, TAIL_OFFSET);
    }

    /** The header of ticket {@code ticket}'s slot. */
    SharedIndex head(long ticket) {
        return heads[(int) (ticket & slotMask)];
    }

    long payloadOffset(long ticket) {
        return slots + (ticket & slotMask) * stride + PAYLOAD_IN_SLOT_OFFSET;
    }

    /** Producer {@code producer}'s record as it attaches: its pid, and no ticket yet. */
    void recordAttached(int producer, long pid) {
        LONG.setRelease(region, claimBlock(producer) + PID_IN_CLAIM_OFFSET, pid);
        recordTicket(producer, MpscRingDescriptor.NO_TICKET);
    }

    /** Producer {@code producer}'s record: the ticket it holds, or {@link MpscRingDescriptor#CLAIMING}; a release store on its own line. */
    void recordTicket(int producer, long ticket) {
        LONG.setRelease(region, claimBlock(producer) + TICKET_IN_CLAIM_OFFSET, ticket);
    }

    /**
     * "producer 3 of 8 (pid 4242)": who holds {@code ticket}, from the producers' records; those
     * caught between the increment and its record when none holds it; "an unknown producer" else.
     */
    String holderOf(long ticket) {
        List<String> claiming = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            long held = (long) LONG.getAcquire(region, claimBlock(p) + TICKET_IN_CLAIM_OFFSET);
            String name = "producer " + (p + 1) + " of " + producers + " (pid "
                    + (long) LONG.getAcquire(region, claimBlock(p) + PID_IN_CLAIM_OFFSET) + ")";
            if (held == ticket) {
                return name;
            }
            if (held == CLAIMING) {
                claiming.add(name);
            }
        }
        return claiming.isEmpty() ? "an unknown producer" : claiming.size() == 1 ? claiming.getFirst()
                : "one of " + String.join(", ", claiming);
    }

    private long claimBlock(int producer) {
        return CLAIMS_OFFSET + producer * CLAIM_BLOCK_BYTES;
    }
}
