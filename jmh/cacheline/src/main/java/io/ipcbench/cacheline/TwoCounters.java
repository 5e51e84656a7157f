package io.ipcbench.cacheline;

import io.ipcbench.link.Params;
import io.ipcbench.ring.RingLayout;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * Two 64-bit counters in one page of native memory, each written by one thread only, as far apart
 * as {@link RingLayout} places a ring's two indices: SHARED_INDICES puts them on one cache line,
 * so every increment by one thread takes the line away from the other; PADDED puts them two lines
 * apart, beyond the adjacent-line prefetcher's pairing (as does FLAG_WITH_PAYLOAD, whose change is
 * elsewhere). No data is shared either way: only the line is (JMH sample 22, false sharing).
 * <p>
 * An increment is an opaque load and an opaque store: each is a real memory access the JIT may
 * neither keep in a register nor merge with the next, with no fence, as a plain {@code x++} in C
 * compiles on x86. A locked add would measure the lock instead.
 */
public final class TwoCounters implements AutoCloseable {
    public static final String NAME = "false sharing";
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();
    private static final long PAGE = 4096;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment page = arena.allocate(PAGE, PAGE);
    private final long secondOffset;

    public TwoCounters(RingLayout layout) {
        this.secondOffset = secondOffset(layout);
    }

    /** From the trial's {@code layout} parameter. */
    public static TwoCounters of(Params params) {
        return new TwoCounters(params.choice("layout", RingLayout.class));
    }

    /** Bytes from the first counter to the second; the first sits at the start of the page. */
    static long secondOffset(RingLayout layout) {
        return layout.indexDistance();
    }

    public void incrementFirst() {
        increment(0);
    }

    public void incrementSecond() {
        increment(secondOffset);
    }

    public long first() {
        return (long) LONG.getOpaque(page, 0L);
    }

    public long second() {
        return (long) LONG.getOpaque(page, secondOffset);
    }

    private void increment(long offset) {
        LONG.setOpaque(page, offset, (long) LONG.getOpaque(page, offset) + 1);
    }

    @Override
    public void close() {
        arena.close();
    }
}
