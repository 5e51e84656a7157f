package io.ipcbench.ring;

/**
 * Where each word of a ring lives, in bytes from the start of the ring's region, derived from the
 * cache line (as Agrona's RingBufferDescriptor). The offsets below are PADDED's; each other
 * {@link RingLayout} moves one block to the place named after it, and nothing else.
 * <ul>
 *   <li>An index block: a side's index (messages published, or consumed), written by that side
 *       only, then the 32-bit word in which the other side announces that it sleeps waiting for
 *       the index to move (the futex word).</li>
 *   <li>A side's counters: the wake calls it made and the times it slept, on a line of their own
 *       that only that side writes, and only when it sleeps or wakes.</li>
 *   <li>The mutex block, used by sync=MUTEX only and reserved in every ring so that all syncs share
 *       one layout: the ring's process-shared mutex, then the condition variable on which the
 *       producer waits for room, then the one on which the consumer waits for a message, each on a
 *       line of its own.</li>
 *   <li>The slots: slot i starts at the first slot's offset + i * stride; a stride is a whole number
 *       of lines, so every slot starts on a line of its own.</li>
 * </ul>
 */
public final class RingDescriptor {
    /** x86-64 and most arm64 cores; Apple M-series use 128, which PADDED's spacing still covers for the indices. */
    public static final int CACHE_LINE = 64;

    static final int INDEX_IN_BLOCK_OFFSET = 0;
    static final int ANNOUNCEMENT_IN_BLOCK_OFFSET = 8;
    static final int INDEX_BLOCK_BYTES = 16;
    static final int WAKES_IN_COUNTERS_OFFSET = 0;
    static final int SLEEPS_IN_COUNTERS_OFFSET = 8;

    /**
     * PADDED: every block on a line of its own, each two lines from the next so that the
     * adjacent-line prefetcher, which fetches lines in pairs, does not couple them.
     */
    static final long PUBLISHED_OFFSET = 0;
    static final long CONSUMED_OFFSET = PUBLISHED_OFFSET + 2 * CACHE_LINE;
    static final long PRODUCER_COUNTERS_OFFSET = CONSUMED_OFFSET + 2 * CACHE_LINE;
    static final long CONSUMER_COUNTERS_OFFSET = PRODUCER_COUNTERS_OFFSET + 2 * CACHE_LINE;
    static final long MUTEX_BLOCK_OFFSET = CONSUMER_COUNTERS_OFFSET + 2 * CACHE_LINE;
    static final long MUTEX_IN_BLOCK_OFFSET = 0;
    static final long ROOM_CONDITION_IN_BLOCK_OFFSET = CACHE_LINE;
    static final long MESSAGES_CONDITION_IN_BLOCK_OFFSET = 2 * CACHE_LINE;
    static final int MUTEX_BLOCK_BYTES = 3 * CACHE_LINE;
    /** The mutex block's three lines and one more, so that the slots start on a pair of lines of their own. */
    static final long FIRST_SLOT_OFFSET = MUTEX_BLOCK_OFFSET + 4 * CACHE_LINE;

    /** SHARED_INDICES: the consumer's block right behind the producer's, on its line. */
    static final long CONSUMED_BESIDE_PUBLISHED_OFFSET = PUBLISHED_OFFSET + INDEX_BLOCK_BYTES;
    /**
     * FLAG_WITH_PAYLOAD: the producer's block at the head of the first slot, the payload right
     * behind it. Every slot keeps that header (unused but in the first) so that all slots have one shape.
     */
    static final long PUBLISHED_HEADING_FIRST_SLOT_OFFSET = FIRST_SLOT_OFFSET;

    private RingDescriptor() {}
}
