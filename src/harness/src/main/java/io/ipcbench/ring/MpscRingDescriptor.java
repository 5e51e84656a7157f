package io.ipcbench.ring;

import static io.ipcbench.ring.RingDescriptor.CACHE_LINE;

/**
 * Where each word of a multi-producer ring ({@link MpscRing}) lives, in bytes from the start of its
 * region, derived from the cache line. Every block is on a line of its own, two lines from the next
 * (the adjacent-line prefetcher fetches lines in pairs):
 * <ul>
 *   <li>The tail: the count of slots claimed, which every producer increments atomically.</li>
 *   <li>The consumed block: messages consumed (written by the consumer), then the word in which
 *       producers waiting for room announce that they sleep (an index block of {@link RingDescriptor}).</li>
 *   <li>One claim block per producer, written by that producer only: its pid (once), then the
 *       ticket it holds ({@link #CLAIMING} while it claims). The consumer reads them only when a
 *       slot stays claimed and unpublished too long, to name who holds it.</li>
 *   <li>The slots: each a header line (an index block: the ticket + 1 of the message it holds once
 *       published, then the word in which the consumer announces that it sleeps waiting for it),
 *       then the payload on lines of its own.</li>
 * </ul>
 */
final class MpscRingDescriptor {
    static final long TAIL_OFFSET = 0;
    static final long CONSUMED_OFFSET = TAIL_OFFSET + 2 * CACHE_LINE;
    static final long CLAIMS_OFFSET = CONSUMED_OFFSET + 2 * CACHE_LINE;
    static final long CLAIM_BLOCK_BYTES = 2 * CACHE_LINE;
    static final long PID_IN_CLAIM_OFFSET = 0;
    static final long TICKET_IN_CLAIM_OFFSET = 8;
    /** What a producer's ticket word holds between the start of its claim and the ticket the claim returned. */
    static final long CLAIMING = -1;
    /** What it holds from the producer's attachment to its first claim (the file's zeros would name ticket 0). */
    static final long NO_TICKET = -2;
    static final long PAYLOAD_IN_SLOT_OFFSET = CACHE_LINE;

    private MpscRingDescriptor() {}

    /** Where the first slot starts, after {@code producers} claim blocks. */
    static long firstSlot(int producers) {
        return CLAIMS_OFFSET + producers * CLAIM_BLOCK_BYTES;
    }

    /** Bytes between slot starts: the header line and the payload's whole lines. */
    static long stride(int size) {
        return PAYLOAD_IN_SLOT_OFFSET + (Math.max(size, 8) + CACHE_LINE - 1L) / CACHE_LINE * CACHE_LINE;
    }

    /** Bytes of the region, rounded up to whole pages. */
    static long regionBytes(int producers, int capacity, int size) {
        long bytes = firstSlot(producers) + capacity * stride(size);
        return (bytes + 4095) / 4096 * 4096;
    }
}
