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
 * With {@code copy=VMSPLICE} each side vmsplices the message's pages into its pipe instead of
 * writing them: per direction the sender's copy is skipped (it pins the pages instead) and the
 * receiver's read(2) copies the bytes from the sender's pages, one copy per direction instead of
 * two. The sender writes its buffer again only after the whole reply came back, so no page is
 * rewritten while the pipe still holds it.
 */
public class PipeLatency extends RoundTripBenchmark {
    /** BLOCKING sleeps in read(2) and is woken per message; BUSY_POLL spins on EAGAIN, removing the wake-up. */
    @Param
    public FdWait wait;

    /**
     * READ_WRITE: write(2) copies the message into the pipe and read(2) copies it out, two copies.
     * VMSPLICE: vmsplice(2) lends the pipe the sender's pages, skipping the sender's copy; the
     * receiver's read(2) still copies every byte out (it must have them to consume them), one copy.
     */
    @Param
    public PipeCopy copy;

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
