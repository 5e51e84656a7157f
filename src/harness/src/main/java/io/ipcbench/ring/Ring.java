package io.ipcbench.ring;

import io.ipcbench.os.Pthreads;

import java.lang.foreign.MemorySegment;

/**
 * A single-producer single-consumer ring of fixed-size slots in memory mapped by both processes.
 * Slot {@code i} may be written once {@code consumed > i - capacity} and read once
 * {@code published > i}. Payload bytes are copied with plain accesses, ordered by the index
 * store that follows them (release) and the index load that precedes them (acquire). Each side
 * counts its wake calls and sleeps in its own counters.
 */
final class Ring {
    final MemorySegment region;
    final int capacity;
    final SharedIndex published;
    final SharedIndex consumed;
    final SideCounters producerCounters;
    final SideCounters consumerCounters;
    /** sync=MUTEX's mutex and condition variables ({@link RingDescriptor}); unused by the other syncs. */
    final MemorySegment mutex;
    final MemorySegment roomCondition;
    final MemorySegment messagesCondition;
    private final long slots;
    private final long stride;
    private final long payloadRoom;
    /** capacity - 1: the capacity is a power of two ({@link SharedRings#capacity}), so a mask picks the slot, not a division. */
    private final long slotMask;

    Ring(MemorySegment region, RingLayout layout, int capacity, int size) {
        this.region = region;
        this.capacity = capacity;
        this.published = new SharedIndex(region, layout.published);
        this.consumed = new SharedIndex(region, layout.consumed);
        this.producerCounters = new SideCounters(region, layout.producerCounters);
        this.consumerCounters = new SideCounters(region, layout.consumerCounters);
        this.mutex = region.asSlice(layout.mutexBlock + RingDescriptor.MUTEX_IN_BLOCK_OFFSET, Pthreads.MUTEX_BYTES);
        this.roomCondition = region.asSlice(layout.mutexBlock + RingDescriptor.ROOM_CONDITION_IN_BLOCK_OFFSET, Pthreads.CONDITION_BYTES);
        this.messagesCondition = region.asSlice(layout.mutexBlock + RingDescriptor.MESSAGES_CONDITION_IN_BLOCK_OFFSET, Pthreads.CONDITION_BYTES);
        this.slots = layout.slots;
        this.stride = layout.stride(size);
        this.payloadRoom = layout.payloadRoom(size);
        this.slotMask = capacity - 1;
    }

    long slotOffset(long index) {
        return slots + (index & slotMask) * stride;
    }

    long slotBytes() {
        return payloadRoom;
    }
}
