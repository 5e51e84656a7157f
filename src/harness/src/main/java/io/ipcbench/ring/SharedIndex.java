package io.ipcbench.ring;

import io.ipcbench.link.SpinThenCheck;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * One side's index in shared memory (messages published, or messages consumed) and the word in
 * which the other side announces that it sleeps waiting for the index to move. Only its owner
 * writes the index; only the waiting side sets the announcement, and whichever side takes it back
 * to 0 first owns it. The methods name their memory ordering: shared words are never accessed plainly.
 */
final class SharedIndex {
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
    private static final int SPINS_PER_CLOCK_READ = 64;
    /** What the waiter's announcement holds; the futex wait sleeps only while the word still holds it. */
    static final int ANNOUNCED = 1;

    private final MemorySegment region;
    private final long index;
    private final long announcement;
    /** The futex word: the announcement, which holds {@link #ANNOUNCED} while the waiter may sleep. */
    final MemorySegment futexWord;

    /** The index block at {@code blockOffset} ({@link RingDescriptor}). */
    SharedIndex(MemorySegment region, long blockOffset) {
        this.region = region;
        this.index = blockOffset + RingDescriptor.INDEX_IN_BLOCK_OFFSET;
        this.announcement = blockOffset + RingDescriptor.ANNOUNCEMENT_IN_BLOCK_OFFSET;
        this.futexWord = region.asSlice(announcement, 4);
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

    /** A store followed by a full fence: the next load, of the announcement, cannot pass it. */
    void setVolatile(long value) {
        LONG.setVolatile(region, index, value);
    }

    /** The waiter's announcement that it is about to sleep, followed by a full fence: its next load, of the index, cannot pass it. */
    void announceVolatile() {
        INT.setVolatile(region, announcement, ANNOUNCED);
    }

    /**
     * Takes the announcement back to 0 and tells whether this call took it: for the mover, that it
     * must wake the waiter; for the waiter, that no wake will come for it. A plain volatile load
     * first, so that a side with nothing to take pays no locked instruction.
     */
    boolean takeAnnouncementVolatile() {
        return (int) INT.getVolatile(region, announcement) == ANNOUNCED
                && (int) INT.getAndSet(region, announcement, 0) == ANNOUNCED;
    }

    /** Busy-waits with acquire loads until the index exceeds {@code threshold}, each turn through {@code spin}, which checks the other process. */
    void spinUntilAbove(long threshold, SpinThenCheck spin, String what) {
        if (getAcquire() > threshold) {
            return;
        }
        spin.reset(); // each wait counts its own turns; one that finds the index moved spins not at all and resets nothing
        do {
            spin.idle(what);
        } while (getAcquire() <= threshold);
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
