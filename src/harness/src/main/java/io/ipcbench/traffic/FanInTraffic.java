package io.ipcbench.traffic;

import io.ipcbench.link.FanIn;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The messages of a fan-in trial, and the consumer's check of every one. Messages from different
 * producers may arrive in any order: that is what fan-in is; within a producer, none may be lost,
 * repeated, reordered or corrupted, and each failure names the producer and what went wrong.
 *
 * <p>{@link FanIn.Framing#MESSAGES} (each receive one whole message): a message carries a tag in
 * its first 8 bytes, its producer's index in the top bits and that producer's sequence number
 * below ({@value #SEQUENCE_BITS} bits: 68 billion messages per producer, 19 hours at a million a second), and bytes derived from
 * the tag after it ({@link MessagePattern}).
 *
 * <p>{@link FanIn.Framing#WORDS} (a byte stream, where the kernel may split one producer's write
 * and interleave the parts with other producers'): every 8-byte word names its producer (7 bits),
 * its place in the message (21 bits: up to 16 MiB) and the message's sequence number (36 bits), so
 * the consumer reassembles each producer's messages word by word and counts those whose words did
 * not arrive together ({@link #interleaved}). A pipe splits writes only between pages of its
 * buffer, and every write here is a whole number of words, so a split never falls inside a word.
 */
public final class FanInTraffic {
    /** The tag needs 8 bytes. */
    public static final int MIN_SIZE = 8;
    /** Word framing: the largest message, whose words' places fit in 21 bits, and the most producers, whose index fits in 7. */
    public static final int MAX_WORDS_SIZE = 1 << 24;
    public static final int MAX_WORDS_PRODUCERS = 127;
    static final int SEQUENCE_BITS = 36;
    private static final int PRODUCER_SHIFT = 57;
    private static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;
    /** What the next word of the same message adds to a word: one place. */
    private static final long NEXT_PLACE = 1L << SEQUENCE_BITS;
    private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED;

    private final FanIn.Framing framing;
    private final int size;
    /** The next sequence number due from each producer: how many of its messages arrived so far. */
    private final long[] due;
    private final String where;
    /** What every message calls its sender: "producer", or "client" for a server's requests. */
    private final String role;
    /** Told the producer's index of every message completed. */
    private final IntConsumer completed;
    /** Word framing: the place of the next word due from each producer, and whether its current message was interleaved. */
    private final int[] wordDue;
    private final boolean[] split;
    private int lastProducer = -1;
    private long interleaved;

    public FanInTraffic(FanIn.Framing framing, int size, int producers, String where, IntConsumer completed) {
        this(framing, size, producers, "producer", where, completed);
    }

    /** The same for senders of another {@code role}, as failures name them ("client 3 of 8"). */
    public FanInTraffic(FanIn.Framing framing, int size, int producers, String role, String where, IntConsumer completed) {
        this.framing = framing;
        this.role = role;
        this.size = size;
        this.due = new long[producers];
        this.where = where;
        this.completed = completed;
        this.wordDue = new int[producers];
        this.split = new boolean[producers];
    }

    /** The tag of message {@code seq} of producer {@code producer}. */
    static long tag(int producer, long seq) {
        return ((long) producer << SEQUENCE_BITS) | (seq & SEQUENCE_MASK);
    }

    /** Word {@code place} of message {@code seq} of {@code producer}, in word framing. */
    static long word(int producer, long seq, int place) {
        return ((long) producer << PRODUCER_SHIFT) | ((long) place << SEQUENCE_BITS) | (seq & SEQUENCE_MASK);
    }

    /** Writes message {@code seq} of {@code producer} into {@code message}. */
    public static void stamp(FanIn.Framing framing, MemorySegment message, int size, int producer, long seq) {
        switch (framing) {
            case MESSAGES -> MessagePattern.fill(message, size, tag(producer, seq));
            case WORDS -> {
                for (int place = 0; place < size / 8; place++) {
                    message.set(WORD, 8L * place, word(producer, seq, place));
                }
            }
        }
    }

    /**
     * A producer's loop: stamps and sends its messages in order, from sequence number 0, until
     * the sender throws or the process exits (the benchmark JVM closed its stdin, or is gone).
     */
    public static void produce(FanIn.Framing framing, FanIn.Sender sender, int size, int producer) {
        MemorySegment message = Arena.ofAuto().allocate(size, 8);
        long[] seq = {0};
        PeerLoop.serve(() -> {
            for (int i = 0; i < PeerLoop.MESSAGES_PER_CALL; i++) {
                stamp(framing, message, size, producer, seq[0]++);
                sender.send(message, size);
            }
        });
    }

    /** Checks {@code size} received bytes: one whole message, or the next words of the stream. */
    public void consume(MemorySegment received) {
        if (framing == FanIn.Framing.MESSAGES) {
            completed.accept(verify(received));
            return;
        }
        for (int offset = 0; offset < size; ) {
            offset += 8 * run(received, offset);
        }
    }

    /** Checks a whole message against what is due from its producer, and returns the producer's index. */
    int verify(MemorySegment message) {
        long tag = message.get(WORD, 0);
        int p = producer(tag >>> SEQUENCE_BITS, tag);
        long seq = tag & SEQUENCE_MASK;
        long want = due[p] & SEQUENCE_MASK;
        if (seq != want) {
            throw new IllegalStateException(where + ": " + name(p) + " sent message " + seq + " where message " + want
                    + " was due: " + (seq > want ? (seq - want) + " of its messages were lost (or overtaken)"
                    : "a message was repeated (or reordered)"));
        }
        MessagePattern.verify(message, size, tag, where + ", " + name(p));
        due[p]++;
        return p;
    }

    /**
     * Checks the run of words from {@code offset}: its first word against what is due from the
     * producer it names, then the following ones in a tight loop for as long as they continue that
     * producer's message (each word is the previous plus one place), and returns how many it took.
     * A word that does not continue the run starts the next one: another producer's, or an error.
     */
    private int run(MemorySegment received, int offset) {
        long first = received.get(WORD, offset);
        int p = producer(first >>> PRODUCER_SHIFT, first);
        int place = wordDue[p];
        if (first != word(p, due[p], place)) {
            long seq = first & SEQUENCE_MASK;
            long carriedPlace = (first >>> SEQUENCE_BITS) & ((1L << (PRODUCER_SHIFT - SEQUENCE_BITS)) - 1);
            throw new IllegalStateException(where + ": " + name(p) + " sent word " + carriedPlace + " of message " + seq
                    + " where word " + place + " of message " + (due[p] & SEQUENCE_MASK) + " was due: lost, repeated, reordered or corrupted");
        }
        if (place > 0 && lastProducer != p) {
            split[p] = true;
        }
        lastProducer = p;
        int wordsPerMessage = size / 8;
        int most = Math.min(wordsPerMessage - place, (size - offset) / 8);
        int taken = 1;
        long expected = first;
        while (taken < most && received.get(WORD, offset + 8L * taken) == (expected += NEXT_PLACE)) {
            taken++;
        }
        wordDue[p] += taken;
        if (wordDue[p] == wordsPerMessage) {
            wordDue[p] = 0;
            due[p]++;
            if (split[p]) {
                interleaved++;
                split[p] = false;
            }
            completed.accept(p);
        }
        return taken;
    }

    private int producer(long index, long carrier) {
        if (index >= due.length) {
            throw new IllegalStateException(where + ": a message carries " + role + " index " + index + " of " + due.length
                    + " " + role + "s (" + Long.toHexString(carrier) + "): corrupted");
        }
        return (int) index;
    }

    private String name(int producer) {
        return role + " " + (producer + 1) + " of " + due.length;
    }

    /** How many messages each producer has delivered whole so far, by producer index. */
    public long[] delivered() {
        return Arrays.copyOf(due, due.length);
    }

    /** Word framing: how many delivered messages arrived in parts, other producers' words between them. */
    public long interleaved() {
        return interleaved;
    }
}
