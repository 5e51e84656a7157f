package io.ipcbench.ring;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static io.ipcbench.ring.RingDescriptor.CACHE_LINE;
import static io.ipcbench.ring.RingDescriptor.INDEX_BLOCK_BYTES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each layout differs from PADDED in the one thing it is named for; every slot starts a line; nothing overlaps. */
class RingLayoutTest {
    private static final List<Integer> SIZES = List.of(1, 8, 48, 49, 64, 65, 1024, 65536);
    private static final List<Integer> CAPACITIES = List.of(1, 2, 3, 64);

    @Test
    void paddedKeepsEachBlockOnALineOfItsOwnTwoLinesFromTheNext() {
        RingLayout padded = RingLayout.PADDED;
        List<Long> blocks = List.of(padded.published, padded.consumed, padded.producerCounters, padded.consumerCounters, padded.mutexBlock);
        for (int i = 0; i < blocks.size(); i++) {
            assertEquals(0, blocks.get(i) % CACHE_LINE, "block " + i + " starts a line");
            long next = i + 1 < blocks.size() ? blocks.get(i + 1) : padded.slots;
            long bytes = i == blocks.size() - 1 ? RingDescriptor.MUTEX_BLOCK_BYTES : CACHE_LINE;
            assertTrue(next - blocks.get(i) >= bytes + CACHE_LINE, "block " + i + " ends a line or more before the next");
        }
    }

    @Test
    void sharedIndicesPutsTheConsumersIndexOnTheProducersLineAndChangesNothingElse() {
        RingLayout shared = RingLayout.SHARED_INDICES;
        assertEquals(line(shared.published), line(shared.consumed), "both indices on one line");
        assertNotEquals(RingLayout.PADDED.consumed, shared.consumed);
        assertEquals(RingLayout.PADDED.published, shared.published);
        assertSameSlotsAndCounters(shared);
    }

    @Test
    void flagWithPayloadPutsTheProducersIndexOnTheFirstSlotsLineAheadOfItsPayload() {
        RingLayout flag = RingLayout.FLAG_WITH_PAYLOAD;
        assertEquals(line(flag.published), line(flag.slots), "the flag on the first payload's line");
        assertEquals(flag.published + INDEX_BLOCK_BYTES, flag.slots, "the payload right behind the index block");
        assertEquals(RingLayout.PADDED.consumed, flag.consumed);
        assertEquals(RingLayout.PADDED.producerCounters, flag.producerCounters);
        assertEquals(RingLayout.PADDED.consumerCounters, flag.consumerCounters);
        for (int size : SIZES) {
            boolean roomForTheFlag = size % CACHE_LINE != 0 && size % CACHE_LINE <= CACHE_LINE - INDEX_BLOCK_BYTES;
            assertEquals(linesOfOneSlotMessage(RingLayout.PADDED, size) - (roomForTheFlag ? 1 : 0), linesOfOneSlotMessage(flag, size),
                    "with one slot a " + size + "-byte message touches as many lines as in PADDED (one fewer where the "
                            + "payload's last line has room for the flag)");
        }
    }

    @Test
    void everySlotStartsALineAndNoWordOverlapsAnother() {
        for (RingLayout layout : RingLayout.values()) {
            for (int capacity : CAPACITIES) {
                for (int size : SIZES) {
                    String what = layout + " capacity " + capacity + " size " + size;
                    long stride = layout.stride(size);
                    assertEquals(0, stride % CACHE_LINE, what + ": stride");
                    assertEquals(0, layout.firstSlot % CACHE_LINE, what + ": first slot");
                    assertTrue(layout.slots >= layout.firstSlot && layout.slots - layout.firstSlot < CACHE_LINE, what + ": payload in the slot's first line");
                    assertTrue(layout.payloadRoom(size) >= Math.max(size, 8), what + ": room for the payload and an acknowledgement");
                    List<long[]> taken = new ArrayList<>();
                    claim(taken, layout.published, INDEX_BLOCK_BYTES, what + ": published");
                    claim(taken, layout.consumed, INDEX_BLOCK_BYTES, what + ": consumed");
                    claim(taken, layout.producerCounters, CACHE_LINE, what + ": producer's counters, a line of their own");
                    claim(taken, layout.consumerCounters, CACHE_LINE, what + ": consumer's counters, a line of their own");
                    claim(taken, layout.mutexBlock, RingDescriptor.MUTEX_BLOCK_BYTES, what + ": the mutex and its conditions");
                    for (int slot = 0; slot < capacity; slot++) {
                        claim(taken, layout.slots + slot * stride, layout.payloadRoom(size), what + ": slot " + slot);
                    }
                    assertTrue(layout.regionBytes(capacity, size) >= layout.slots + (capacity - 1) * stride + layout.payloadRoom(size),
                            what + ": the region holds the last slot");
                }
            }
        }
    }

    private static void assertSameSlotsAndCounters(RingLayout layout) {
        assertEquals(RingLayout.PADDED.slots, layout.slots);
        assertEquals(RingLayout.PADDED.producerCounters, layout.producerCounters);
        assertEquals(RingLayout.PADDED.consumerCounters, layout.consumerCounters);
        for (int size : SIZES) {
            assertEquals(RingLayout.PADDED.stride(size), layout.stride(size));
        }
    }

    /** The lines a single-slot ring's message touches: the producer's index and the payload. */
    private static long linesOfOneSlotMessage(RingLayout layout, int size) {
        Set<Long> lines = new TreeSet<>();
        lines.add(line(layout.published));
        for (long at = layout.slots; at < layout.slots + size; at++) {
            lines.add(line(at));
        }
        return lines.size();
    }

    private static long line(long offset) {
        return offset / CACHE_LINE;
    }

    /** Adds the bytes [from, from + bytes) to {@code taken}, failing if any of them was taken already. */
    private static void claim(List<long[]> taken, long from, long bytes, String what) {
        for (long[] other : taken) {
            assertTrue(from + bytes <= other[0] || other[1] <= from,
                    what + " [" + from + ", " + (from + bytes) + ") overlaps [" + other[0] + ", " + other[1] + ")");
        }
        taken.add(new long[] {from, from + bytes});
    }
}
