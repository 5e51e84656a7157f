package io.ipcbench.traffic;

import io.ipcbench.link.FanIn;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * The messages of a fan-in trial. Every message is stamped with a tag, its producer's index in the
 * top bits and that producer's sequence number below ({@value #SEQUENCE_BITS} bits: a trillion
 * messages per producer), in the first 8 bytes, and its other bytes are derived from the tag
 * ({@link MessagePattern}). The consumer checks every message it receives ({@link #verify}): a
 * producer index out of range, a sequence number other than the one due from that producer
 * (lost, repeated or reordered within the producer) or other bytes (corrupted) fail the trial,
 * naming the producer and what went wrong. Messages from different producers may interleave in
 * any order: that is what fan-in is.
 */
public final class FanInTraffic {
    /** The tag needs 8 bytes. */
    public static final int MIN_SIZE = 8;
    static final int SEQUENCE_BITS = 40;
    private static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;

    private final int size;
    /** The next sequence number due from each producer: how many of its messages arrived so far. */
    private final long[] due;
    private final String where;

    public FanInTraffic(int size, int producers, String where) {
        this.size = size;
        this.due = new long[producers];
        this.where = where;
    }

    /** The tag of message {@code seq} of producer {@code producer}. */
    static long tag(int producer, long seq) {
        return ((long) producer << SEQUENCE_BITS) | (seq & SEQUENCE_MASK);
    }

    /** Writes message {@code seq} of {@code producer} into {@code message}. */
    public static void stamp(MemorySegment message, int size, int producer, long seq) {
        MessagePattern.fill(message, size, tag(producer, seq));
    }

    /**
     * A producer's loop: stamps and sends its messages in order, from sequence number 0, until
     * the sender throws or the process exits (the benchmark JVM closed its stdin, or is gone).
     */
    public static void produce(FanIn.Sender sender, int size, int producer) {
        MemorySegment message = Arena.ofAuto().allocate(size, 8);
        long[] seq = {0};
        PeerLoop.serve(() -> {
            for (int i = 0; i < PeerLoop.MESSAGES_PER_CALL; i++) {
                stamp(message, size, producer, seq[0]++);
                sender.send(message, size);
            }
        });
    }

    /** Checks a received message against what is due from its producer, and returns the producer's index. */
    public int verify(MemorySegment message) {
        long tag = message.get(ValueLayout.JAVA_LONG_UNALIGNED, 0);
        long producer = tag >>> SEQUENCE_BITS;
        if (producer >= due.length) {
            throw new IllegalStateException(where + ": a message carries producer index " + producer + " of " + due.length
                    + " producers (tag " + Long.toHexString(tag) + "): corrupted");
        }
        int p = (int) producer;
        long seq = tag & SEQUENCE_MASK;
        long want = due[p] & SEQUENCE_MASK;
        if (seq != want) {
            throw new IllegalStateException(where + ": producer " + (p + 1) + " of " + due.length + " sent message " + seq
                    + " where message " + want + " was due: " + (seq > want ? (seq - want) + " of its messages were lost (or overtaken)"
                    : "a message was repeated (or reordered)"));
        }
        MessagePattern.verify(message, size, tag, where + ", producer " + (p + 1) + " of " + due.length);
        due[p]++;
        return p;
    }

    /** How many messages each producer has delivered so far, by producer index. */
    public long[] delivered() {
        return Arrays.copyOf(due, due.length);
    }
}
