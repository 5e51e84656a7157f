package io.ipcbench.ring;

import static io.ipcbench.ring.RingDescriptor.CACHE_LINE;
import static io.ipcbench.ring.RingDescriptor.CONSUMED_BESIDE_PUBLISHED_OFFSET;
import static io.ipcbench.ring.RingDescriptor.CONSUMED_OFFSET;
import static io.ipcbench.ring.RingDescriptor.CONSUMER_COUNTERS_OFFSET;
import static io.ipcbench.ring.RingDescriptor.FIRST_SLOT_OFFSET;
import static io.ipcbench.ring.RingDescriptor.INDEX_BLOCK_BYTES;
import static io.ipcbench.ring.RingDescriptor.MUTEX_BLOCK_OFFSET;
import static io.ipcbench.ring.RingDescriptor.PRODUCER_COUNTERS_OFFSET;
import static io.ipcbench.ring.RingDescriptor.PUBLISHED_HEADING_FIRST_SLOT_OFFSET;
import static io.ipcbench.ring.RingDescriptor.PUBLISHED_OFFSET;

/**
 * The {@code layout} parameter: an offset table of {@link RingDescriptor}. The layouts run the
 * very same code; each differs from PADDED in one thing, for which it is named.
 */
public enum RingLayout {
    /** Each side's index, each side's counters and every slot on lines of their own. */
    PADDED(PUBLISHED_OFFSET, CONSUMED_OFFSET, 0),
    /**
     * The two sides' indices on one cache line: each side's store of its own index takes the
     * line from the other side, which reads it. Classic false sharing, between the indices only.
     */
    SHARED_INDICES(PUBLISHED_OFFSET, CONSUMED_BESIDE_PUBLISHED_OFFSET, 0),
    /**
     * The producer's index (the flag) on the line of the payload it guards: the benchmark
     * article's struct without its 60-byte pad. Every slot still starts a line and carries the
     * index block's 16 bytes ahead of its payload, so with one slot (the article's case) a
     * message touches as many lines as in PADDED: at 64 B the flag and the first 48 bytes share
     * a line, the last 16 take a second where PADDED has the flag's own. With more slots only the
     * first shares its line with the flag, and every payload is 16 bytes off its line.
     */
    FLAG_WITH_PAYLOAD(PUBLISHED_HEADING_FIRST_SLOT_OFFSET, CONSUMED_OFFSET, INDEX_BLOCK_BYTES);

    final long published;
    final long consumed;
    final long producerCounters = PRODUCER_COUNTERS_OFFSET;
    final long consumerCounters = CONSUMER_COUNTERS_OFFSET;
    final long mutexBlock = MUTEX_BLOCK_OFFSET;
    final long firstSlot = FIRST_SLOT_OFFSET;
    /** Where the first slot's payload starts. */
    final long slots;
    private final int payloadInSlot;

    RingLayout(long published, long consumed, int payloadInSlot) {
        this.published = published;
        this.consumed = consumed;
        this.payloadInSlot = payloadInSlot;
        this.slots = firstSlot + payloadInSlot;
    }

    /** Bytes from the producer's index to the consumer's: less than a line where they share one. */
    public long indexDistance() {
        return Math.abs(consumed - published);
    }

    /** Bytes between slot starts for messages of {@code size} bytes, whole lines; a slot can always hold an 8-byte acknowledgement. */
    long stride(int size) {
        long bytes = payloadInSlot + Math.max(size, 8);
        return (bytes + CACHE_LINE - 1) / CACHE_LINE * CACHE_LINE;
    }

    /** Bytes a slot holds for the payload: its stride less the header ahead of the payload. */
    long payloadRoom(int size) {
        return stride(size) - payloadInSlot;
    }

    /** Bytes of one ring region, rounded up to whole pages. */
    long regionBytes(int capacity, int size) {
        long bytes = firstSlot + capacity * stride(size);
        return (bytes + 4095) / 4096 * 4096;
    }
}
