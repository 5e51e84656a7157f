package io.ipcbench.ring;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which slot message number i lands in: i modulo the capacity, taken with a mask, for every layout and capacity. */
class RingTest {
    @Test
    void messageIGoesToSlotIModuloTheCapacity() {
        try (Arena arena = Arena.ofConfined()) {
            for (RingLayout layout : RingLayout.values()) {
                for (int capacity = 1; capacity <= SharedRings.MAX_CAPACITY; capacity *= 2) {
                    Ring ring = new Ring(arena.allocate(layout.regionBytes(capacity, 64), 4096), layout, capacity, 64);
                    long first = ring.slotOffset(0);
                    for (long i : new long[] {0, 1, capacity - 1, capacity, capacity + 1, 3L * capacity + 2, (1L << 40) + 5}) {
                        assertEquals(first + (i % capacity) * layout.stride(64), ring.slotOffset(i), layout + " capacity " + capacity + " message " + i);
                    }
                }
            }
        }
    }
}
