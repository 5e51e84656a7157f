package io.ipcbench.cacheline;

import io.ipcbench.link.Params;
import io.ipcbench.os.Pinning;
import io.ipcbench.os.TwoCores;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An aligned word never tears; a word across two cache lines is measured and reported, not judged. */
class TornWordTest {
    /** Reads before counting: long enough for the JIT to turn both loops' accesses into single 8-byte moves. */
    private static final int WARM_UP_BATCHES = 50;
    /** At least this many counted, more while the reader has not yet seen both patterns (a descheduled writer). */
    private static final int MEASURED_BATCHES = 40;
    private static final int BATCH = 100_000;
    private static final long TIME_BOUND_SECONDS = 10;

    private record Tally(long reads, long zeros, long ones, long tears) {
        Tally plus(Tally other) {
            return new Tally(reads + other.reads, zeros + other.zeros, ones + other.ones, tears + other.tears);
        }
    }

    @Test
    void anAlignedWordNeverTears() throws Exception {
        Tally tally = readWhileFlipping(64);
        assertEquals(0, tally.tears(), "torn reads of an aligned word: " + tally);
        assertWriterRanConcurrently(tally);
    }

    @Test
    void aWordAcrossTwoCacheLinesIsReported() throws Exception {
        Tally tally = readWhileFlipping(60);
        System.out.printf("torn reads at offset 60 (across a cache line) on this CPU: %d in %d reads, %.3g per read%n",
                tally.tears(), tally.reads(), (double) tally.tears() / tally.reads());
        assertWriterRanConcurrently(tally);
    }

    @Test
    void straddlingIsCrossingALineBoundary() {
        assertTrue(new TornWord(60).straddlesLine());
        assertTrue(new TornWord(57).straddlesLine());
        assertFalse(new TornWord(56).straddlesLine());
        assertFalse(new TornWord(64).straddlesLine());
        assertFalse(new TornWord(4).straddlesLine());
    }

    @Test
    void invalidOffsetsAreRefused() {
        Map<String, String> invalid = new LinkedHashMap<>();
        invalid.put("-1", "offset=-1 is out of range; offset is the word's byte offset from a 64-byte boundary");
        invalid.put("121", "a whole number from 0 to 120");
        invalid.put("middle", "offset=middle is not a number");
        invalid.put("", "parameter offset is missing");
        invalid.forEach((offset, expected) -> {
            Params params = new Params(TornWord.NAME, Map.of("offset", offset, "pinning", "cross-core"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TornWord.of(params).close());
            assertTrue(e.getMessage().contains(expected), e.getMessage());
        });
    }

    /** Without both patterns in the sample, zero tears would prove nothing: the writer must have been flipping. */
    private static void assertWriterRanConcurrently(Tally tally) {
        assertTrue(tally.reads() >= (long) MEASURED_BATCHES * BATCH, "reads: " + tally);
        assertTrue(tally.zeros() > 0 && tally.ones() > 0, "the reader saw both patterns: " + tally);
    }

    /** A writer thread flips the word while a reader thread reads it; both pinned as cross-core pinning plans them. */
    private static Tally readWhileFlipping(int offset) throws Exception {
        Pinning.Plan cpus = TwoCores.planOrSkip("a read can only be torn by a write running on another core at the same time");
        try (TornWord word = new TornWord(offset)) {
            AtomicBoolean stop = new AtomicBoolean();
            Thread writer = new Thread(() -> {
                Cpus.pin(cpus.peerCpu());
                for (long value = -1; !stop.get(); value = ~value) {
                    word.store(value);
                }
            }, "torn-word-writer");
            FutureTask<Tally> reader = new FutureTask<>(() -> {
                Cpus.pin(cpus.benchmarkCpu());
                for (int i = 0; i < WARM_UP_BATCHES; i++) {
                    read(word);
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIME_BOUND_SECONDS / 2);
                Tally total = new Tally(0, 0, 0, 0);
                for (int i = 0; i < MEASURED_BATCHES || (total.zeros() == 0 || total.ones() == 0) && System.nanoTime() < deadline; i++) {
                    total = total.plus(read(word));
                }
                return total;
            });
            writer.start();
            new Thread(reader, "torn-word-reader").start();
            try {
                return reader.get(TIME_BOUND_SECONDS, TimeUnit.SECONDS);
            } finally {
                reader.cancel(true);
                stop.set(true);
                writer.join();
            }
        }
    }

    private static Tally read(TornWord word) {
        long zeros = 0;
        long ones = 0;
        long tears = 0;
        for (int i = 0; i < BATCH; i++) {
            long value = word.load();
            if (value == 0) {
                zeros++;
            } else if (value == -1) {
                ones++;
            } else {
                tears++;
            }
        }
        return new Tally(BATCH, zeros, ones, tears);
    }
}
