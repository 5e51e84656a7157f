package io.ipcbench.traffic;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The content of message number {@code seq} in verification runs: the sequence number in the
 * first 8 bytes, then bytes derived from (seq, offset), so that a lost, repeated, reordered,
 * truncated or corrupted message is detected and named. Benchmarks do not use it: they send a
 * fixed buffer, because stamping each message would add work the mechanisms don't do.
 */
public final class MessagePattern {
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;

    private MessagePattern() {}

    public static void fill(MemorySegment message, int size, long seq) {
        for (int offset = 0; offset < size; offset += 8) {
            putPartial(message, offset, Math.min(8, size - offset), expected(seq, offset));
        }
    }

    /**
     * Throws naming the message, the first differing offset and what went wrong: a message that
     * carries another sequence number was lost or repeated (or reordered), one that carries its
     * own number but other bytes was corrupted. Messages under 8 bytes carry part of the number.
     */
    public static void verify(MemorySegment message, int size, long seq, String where) {
        for (int offset = 0; offset < size; offset += 8) {
            int n = Math.min(8, size - offset);
            long want = expected(seq, offset);
            if (getPartial(message, offset, n) != (n == 8 ? want : want & ((1L << (8 * n)) - 1))) {
                throw new IllegalStateException(where + ": message " + seq + " of " + size + " bytes differs at byte "
                        + offset + ": " + diagnosis(message, size, seq, offset));
            }
        }
    }

    private static String diagnosis(MemorySegment message, int size, long seq, int offset) {
        if (size < 8) {
            return "lost, repeated, reordered or corrupted (a message under 8 bytes carries too little of its number to tell)";
        }
        long carried = message.get(LONG, 0);
        if (carried > seq) {
            return "it carries sequence number " + carried + ": message " + seq + " was lost (or overtaken)";
        }
        if (carried < seq) {
            return "it carries sequence number " + carried + ", an earlier one: a message was repeated (or overtaken)";
        }
        return "it carries its own sequence number but other bytes: corrupted";
    }

    private static long expected(long seq, int offset) {
        if (offset == 0) {
            return seq;
        }
        long x = seq * 0x9E3779B97F4A7C15L + offset;
        x ^= x >>> 31;
        x *= 0xBF58476D1CE4E5B9L;
        return x ^ (x >>> 29);
    }

    private static void putPartial(MemorySegment m, int offset, int n, long value) {
        if (n == 8) {
            m.set(LONG, offset, value);
            return;
        }
        for (int i = 0; i < n; i++) {
            m.set(ValueLayout.JAVA_BYTE, offset + i, (byte) (value >>> (8 * i)));
        }
    }

    private static long getPartial(MemorySegment m, int offset, int n) {
        if (n == 8) {
            return m.get(LONG, offset);
        }
        long value = 0;
        for (int i = 0; i < n; i++) {
            value |= (m.get(ValueLayout.JAVA_BYTE, offset + i) & 0xFFL) << (8 * i);
        }
        return value;
    }
}
