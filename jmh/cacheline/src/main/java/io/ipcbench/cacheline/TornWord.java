package io.ipcbench.cacheline;

import io.ipcbench.link.Params;
import io.ipcbench.ring.RingDescriptor;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * An 8-byte word at {@code offset} bytes into a page of native memory, which one thread flips
 * between all zeros and all ones while another reads it, both with plain accesses through
 * {@code JAVA_LONG_UNALIGNED} (one 8-byte {@code mov} each once the JIT has compiled them). A read
 * that returns anything else saw half of one store and half of another: a torn read.
 * <p>
 * Why only a word that crosses a cache line can tear on x86: the cores keep memory coherent one
 * 64-byte line at a time, and a load or store that fits in one line is carried out on that line
 * while the core holds it, so another core sees all of it or none of it. Intel's manual (SDM
 * vol. 3A, "Guaranteed Atomic Operations") promises atomicity for aligned 8-byte accesses and,
 * since the P6, for unaligned ones that fit within a cache line; one that straddles two lines
 * (offsets 57 to 63 here) is split into two accesses, one per line, and another core's store can
 * land between them. AMD's manual promises less on paper (accesses that do not cross an aligned
 * 8-byte boundary), so an offset such as 4 is atomic on Intel by specification and on AMD only by
 * implementation. An aligned word (offset 64) never tears on either. Other architectures fault or
 * split unaligned accesses in their own ways; the suite reports what it sees.
 * <p>
 * Pitfall: before the JIT compiles them, {@code Unsafe.getLongUnaligned} and its store twin split
 * a misaligned access into 4-, 2- or 1-byte pieces in Java code, which tears at any misaligned
 * offset. Tears counted before warm-up are the JDK's, not the CPU's.
 */
public final class TornWord implements AutoCloseable {
    public static final String NAME = "torn reads";
    /** Largest offset: the word stays within the first two lines of the page. */
    public static final int MAX_OFFSET = 2 * RingDescriptor.CACHE_LINE - Long.BYTES;
    private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final long PAGE = 4096;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment page = arena.allocate(PAGE, PAGE);
    private final long offset;

    public TornWord(int offset) {
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new IllegalArgumentException("offset " + offset + " is outside 0.." + MAX_OFFSET);
        }
        this.offset = offset;
    }

    /** From the trial's {@code offset} parameter. */
    public static TornWord of(Params params) {
        return new TornWord(offset(params));
    }

    /** The trial's {@code offset} parameter, checked. */
    public static int offset(Params params) {
        return params.intIn("offset", 0, MAX_OFFSET,
                "the word's byte offset from a 64-byte boundary (57 to 63 straddle two cache lines, 64 is aligned)");
    }

    public boolean straddlesLine() {
        return offset % RingDescriptor.CACHE_LINE > RingDescriptor.CACHE_LINE - Long.BYTES;
    }

    /** A plain store of the whole word. */
    public void store(long value) {
        page.set(WORD, offset, value);
    }

    /**
     * A plain load of the whole word. The acquire fence after it emits no instruction on x86; it
     * only keeps the JIT from hoisting the load out of the caller's loop and reading once.
     */
    public long load() {
        long value = page.get(WORD, offset);
        VarHandle.acquireFence();
        return value;
    }

    /** Neither of the two patterns the writer stores. */
    public static boolean torn(long value) {
        return value != 0 && value != -1;
    }

    @Override
    public void close() {
        arena.close();
    }
}
