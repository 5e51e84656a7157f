package io.ipcbench.fifo;

import io.ipcbench.bench.RoundTripBenchmark;
import io.ipcbench.link.FdWait;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;

import java.util.concurrent.TimeUnit;

/**
 * Round trip through two named pipes that the peer opened by path, as an unrelated process
 * would. Once open a FIFO is the kernel's pipe object, so this should match PipeLatency: a gap
 * would come from how the ends were obtained, not from the data path, and measuring both shows
 * that naming a pipe costs nothing per message.
 * Left out on purpose: opening and unlinking, which happen once per trial, outside the measurement.
 * Pitfall avoided: open(2) of a FIFO sleeps until the other end opens; the set-up opens
 * non-blocking and retries, so a peer that died before opening fails the trial instead of hanging it.
 */
public class FifoLatency extends RoundTripBenchmark {
    /** BLOCKING sleeps in read(2) and is woken per message; BUSY_POLL spins on EAGAIN, removing the wake-up. */
    @Param
    public FdWait wait;

    public FifoLatency() {
        super(new FifoMechanism());
    }

    /** One operation: a message of {@code size} bytes written into one FIFO and read back whole from the other. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void roundTrip() {
        roundTripOnce();
    }
}
