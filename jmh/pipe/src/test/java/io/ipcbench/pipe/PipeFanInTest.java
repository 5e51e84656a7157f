package io.ipcbench.pipe;

import io.ipcbench.bench.FanInCounts;
import io.ipcbench.link.Exercised;
import io.ipcbench.link.Params;
import io.ipcbench.peer.FanInSession;
import io.ipcbench.peer.FanInTrials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fan-in through one pipe with three real producer processes: every message arrives once, in
 * order per producer, intact, its words reassembled; writes up to PIPE_BUF never interleave (POSIX
 * makes them atomic), larger ones may, and are counted; a killed producer fails the trial naming
 * it and leaves nothing behind; a size that is not a whole number of words is refused.
 */
class PipeFanInTest implements Exercised {
    private static final int PRODUCERS = 3;
    /** Bytes consumed per case: a few MB, a fraction of a second. */
    private static final long BYTES = 4L << 20;

    private final SharedPipeFanIn fanIn = new SharedPipeFanIn();

    private static Params params(String... more) {
        return FanInTrials.params("pipe", Map.of("size", "64", "producers", Integer.toString(PRODUCERS), "pinning", "none"), more);
    }

    @AfterEach
    void nothingLeftBehind() {
        FanInTrials.assertNothingLeftBehind();
    }

    @ParameterizedTest
    @CsvSource({"8", "64", "4096"})
    void writesUpToPipeBufArriveWholeAndNeverInterleave(int size) {
        try (FanInSession session = FanInSession.open(fanIn, params("size", Integer.toString(size)))) {
            consume(session, BYTES / size);
            long[] delivered = session.delivered();
            // whole messages: every operation completed one (a pipe gives its writers no turn order, so not every
            // producer need have delivered in so short a run)
            assertEquals(BYTES / size, Arrays.stream(delivered).sum(), "messages delivered: " + Arrays.toString(delivered));
            assertEquals(0, session.interleaved(), "writes of at most PIPE_BUF bytes are atomic");
        }
    }

    /** The offered producer counts, each run below: what the CLI's check of the benchmark's params reads. */
    @Override
    public Stream<Params> exercised() {
        return FanInCounts.offered().map(producers -> params("producers", producers));
    }

    @ParameterizedTest
    @MethodSource("io.ipcbench.bench.FanInCounts#offered")
    void everyOfferedProducerCountDeliversEveryMessageWhole(String producers) {
        try (FanInSession session = FanInSession.open(fanIn, params("producers", producers))) {
            consume(session, BYTES / 64);
            long[] delivered = session.delivered();
            assertEquals(Integer.parseInt(producers), delivered.length, "one tally per producer");
            assertEquals(BYTES / 64, Arrays.stream(delivered).sum(), "messages delivered: " + Arrays.toString(delivered));
            assertEquals(0, session.interleaved(), "writes of at most PIPE_BUF bytes are atomic");
        }
    }

    @ParameterizedTest
    @CsvSource({"65536", "1048576"})
    void largerWritesMayInterleaveAndEveryMessageIsStillReassembledIntact(int size) {
        try (FanInSession session = FanInSession.open(fanIn, params("size", Integer.toString(size)))) {
            consume(session, 4 * BYTES / size);
            long[] delivered = session.delivered();
            System.out.println("pipe fan-in, " + PRODUCERS + " producers, " + size + " B: delivered " + Arrays.toString(delivered)
                    + ", interleaved " + session.interleaved());
            assertTrue(Arrays.stream(delivered).sum() > 0, "messages delivered: " + Arrays.toString(delivered));
        }
    }

    @Test
    void aKilledProducerFailsTheTrialNamingIt() {
        try (FanInSession session = FanInSession.open(fanIn, params())) {
            consume(session, 10_000);
            session.iterationBegins();
            FanInTrials.aKilledProducerIsNamed(session, 1);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "size|12|size=12 is not allowed here: every 8-byte word of a message names its producer and place, so size is a multiple of 8 from 8 to 16777216",
            "size|16777224|size=16777224 is",
            "producers|0|producers=0 is out of range"})
    void badParamsAreRefusedBeforeAnythingStarts(String key, String value, String expected) {
        FanInTrials.assertRefusedInOneLine(fanIn, params(key, value), expected);
    }

    private static void consume(FanInSession session, long operations) {
        session.iterationBegins();
        FanInTrials.consume(session, operations);
        session.iterationEnds();
    }
}
