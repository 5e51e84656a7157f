package io.ipcbench.pipe;

import io.ipcbench.bench.RoundTripBenchmark;
import io.ipcbench.link.FdWait;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;

import java.util.concurrent.TimeUnit;

/**
 * Round trip through two anonymous pipes: write(2) into one, the peer's read(2) wakes, it writes
 * the message back through the other. Isolates the pipe's copy in and out of the kernel buffer
 * plus one wake-up per direction; messages above the 64 KiB pipe buffer move in several
 * chunks, each a write that blocks until the reader has made room.
 * Pitfall avoided: the payload lives in native memory and moves with read/write on raw
 * descriptors, not through InputStream, whose extra copy into a Java array would be measured too.
 */
public class PipeLatency extends RoundTripBenchmark {
    /** BLOCKING sleeps in read(2) and is woken per message; BUSY_POLL spins on EAGAIN, removing the wake-up. */
    @Param
    public FdWait wait;

    public PipeLatency() {
        super(new PipeMechanism());
    }

    /** One operation: a message of {@code size} bytes written into one pipe and read back whole from the other. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void roundTrip() {
        roundTripOnce();
    }
}
