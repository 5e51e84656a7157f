package io.ipcbench.ring;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * One side's counts of its wake calls and sleeps on one ring, in the ring's shared memory so that
 * the benchmark process reads the peer's as well as its own. Only that side writes them, on a
 * line of their own, and only on the slow path (it is about to sleep, or to wake the other side):
 * a fast hand-off stores nothing here. An increment is an opaque load and store, no locked
 * instruction: one writer needs no atomicity, and a reader in the other process sees each word whole.
 */
final class SideCounters {
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();

    private final MemorySegment region;
    private final long wakes;
    private final long sleeps;

    SideCounters(MemorySegment region, long offset) {
        this.region = region;
        this.wakes = offset + RingDescriptor.WAKES_IN_COUNTERS_OFFSET;
        this.sleeps = offset + RingDescriptor.SLEEPS_IN_COUNTERS_OFFSET;
    }

    void incrementWakesOpaque() {
        LONG.setOpaque(region, wakes, (long) LONG.getOpaque(region, wakes) + 1);
    }

    void incrementSleepsOpaque() {
        LONG.setOpaque(region, sleeps, (long) LONG.getOpaque(region, sleeps) + 1);
    }

    long wakesOpaque() {
        return (long) LONG.getOpaque(region, wakes);
    }

    long sleepsOpaque() {
        return (long) LONG.getOpaque(region, sleeps);
    }
}
