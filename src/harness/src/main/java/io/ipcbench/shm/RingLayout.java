package io.ipcbench.shm;

/**
 * Where each word of a ring lives, in bytes from the start of the ring's region. The two layouts
 * run the very same code; only this table differs.
 * <ul>
 *   <li>{@code published}: the producer's index (messages written so far), written by the
 *       producer; its low 32 bits double as the futex word consumers sleep on.</li>
 *   <li>{@code publishedWaiters}: how many consumers sleep on {@code published}.</li>
 *   <li>{@code consumed}, {@code consumedWaiters}: the same for the consumer's index.</li>
 *   <li>{@code slots}: the first message slot; slot i starts at slots + (i mod capacity) * stride.</li>
 * </ul>
 */
public enum RingLayout {
    /**
     * Producer words, consumer words and every slot start on their own cache lines, and the two
     * index blocks are two lines apart so the adjacent-line prefetcher does not pair them.
     */
    PADDED(0, 8, 2 * RingLayout.CACHE_LINE, 2 * RingLayout.CACHE_LINE + 8, 4 * RingLayout.CACHE_LINE, RingLayout.CACHE_LINE),
    /**
     * Everything packed: both indices, both waiter counts and the first bytes of the first slot
     * share one cache line, so every store by one side invalidates the line the other reads:
     * false sharing on purpose.
     */
    SHARED_LINE(0, 8, 16, 24, 32, 8);

    /** x86-64 and most arm64 cores; Apple M-series use 128, which PADDED's spacing still covers for the indices. */
    public static final int CACHE_LINE = 64;

    final long published;
    final long publishedWaiters;
    final long consumed;
    final long consumedWaiters;
    final long slots;
    private final int slotAlignment;

    RingLayout(long published, long publishedWaiters, long consumed, long consumedWaiters, long slots, int slotAlignment) {
        this.published = published;
        this.publishedWaiters = publishedWaiters;
        this.consumed = consumed;
        this.consumedWaiters = consumedWaiters;
        this.slots = slots;
        this.slotAlignment = slotAlignment;
    }

    /** Bytes between slot starts for messages of {@code size} bytes; a slot can always hold an 8-byte acknowledgement. */
    long stride(int size) {
        long bytes = Math.max(size, 8);
        return (bytes + slotAlignment - 1) / slotAlignment * slotAlignment;
    }

    /** Bytes of one ring region, rounded up to whole pages. */
    long regionBytes(int capacity, int size) {
        long bytes = slots + capacity * stride(size);
        return (bytes + 4095) / 4096 * 4096;
    }
}
