package io.ipcbench.shm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * One side's index in shared memory (messages published, or messages consumed) and the count of
 * processes asleep waiting for it to move. Only its owner writes the index; the other side reads
 * it. The methods name their memory ordering: shared words are never accessed plainly.
 */
final class SharedIndex {
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
    private static final int SPINS_PER_CLOCK_READ = 64;

    private final MemorySegment region;
    private final long index;
    private final long waiters;
    /** The futex word: the low 32 bits of the index (little-endian), which change with every store. */
    final MemorySegment futexWord;

    SharedIndex(MemorySegment region, long indexOffset, long waitersOffset) {
        this.region = region;
        this.index = indexOffset;
        this.waiters = waitersOffset;
        this.futexWord = region.asSlice(indexOffset, 4);
    }

    long getAcquire() {
        return (long) LONG.getAcquire(region, index);
    }

    long getVolatile() {
        return (long) LONG.getVolatile(region, index);
    }

    void setRelease(long value) {
        LONG.setRelease(region, index, value);
    }

    void setVolatile(long value) {
        LONG.setVolatile(region, index, value);
    }

    int waitersVolatile() {
        return (int) INT.getVolatile(region, waiters);
    }

    /** A locked read-modify-write: a full fence as well, which the sleeping protocol relies on. */
    void addWaitersVolatile(int delta) {
        INT.getAndAdd(region, waiters, delta);
    }

    /** Spins with acquire loads until the index exceeds {@code threshold} (true) or {@code spinNanos} have passed (false). */
    boolean spinUntilAbove(long threshold, long spinNanos) {
        if (spinNanos == 0) {
            return false;
        }
        long deadline = System.nanoTime() + spinNanos;
        for (int spins = 1; ; spins++) {
            Thread.onSpinWait();
            if (getAcquire() > threshold) {
                return true;
            }
            if (spins % SPINS_PER_CLOCK_READ == 0 && System.nanoTime() > deadline) {
                return false;
            }
        }
    }
}
