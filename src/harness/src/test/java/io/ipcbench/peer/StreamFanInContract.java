package io.ipcbench.peer;

import io.ipcbench.link.Params;
import io.ipcbench.link.StreamFanIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fan-in contract for one pipe with N writers ({@link StreamFanIn}: an anonymous pipe, a
 * FIFO), and what is a stream's own: writes up to PIPE_BUF arrive whole (the contract's cases),
 * larger ones may interleave and every message is still reassembled intact, and a size that is
 * not a whole number of words is refused.
 */
public abstract class StreamFanInContract extends FanInContract {
    private static final int PIPE_BUF = 4096;

    @Override
    protected abstract StreamFanIn fanIn();

    @Override
    protected final Map<String, String> variant() {
        return Map.of();
    }

    @Override
    protected final int largeSize() {
        return PIPE_BUF;
    }

    @Override
    public Stream<Params> exercised() {
        return Stream.concat(super.exercised(), Stream.of(params("size", "65536"), params("size", "1048576")));
    }

    @ParameterizedTest
    @CsvSource({"65536", "1048576"})
    void largerWritesMayInterleaveAndEveryMessageIsStillReassembledIntact(int size) {
        try (FanInSession session = FanInSession.open(fanIn(), params("size", Integer.toString(size)))) {
            consume(session, BYTES / size);
            long[] delivered = session.delivered();
            System.out.println(fanIn().name() + " fan-in, " + PRODUCERS + " producers, " + size + " B: delivered "
                    + Arrays.toString(delivered) + ", interleaved " + session.interleaved());
            assertTrue(Arrays.stream(delivered).sum() > 0, "messages delivered: " + Arrays.toString(delivered));
        }
    }

    @Test
    void aSizeThatIsNotAWholeNumberOfWordsIsRefused() {
        assertRefused(params("size", "12"), "size=12 is not allowed here: every 8-byte word of a message names its producer"
                + " and place, so size is a multiple of 8 from 8 to 16777216");
        assertRefused(params("size", "16777224"), "size=16777224 is");
    }
}
