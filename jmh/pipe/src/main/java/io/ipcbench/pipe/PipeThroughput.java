package io.ipcbench.pipe;

import io.ipcbench.bench.OneWayBenchmark;
import io.ipcbench.link.FdWait;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;

import java.util.concurrent.TimeUnit;

/**
 * Messages streamed through an anonymous pipe to a peer that reads every byte and acknowledges
 * each batch through a second pipe. With small messages the sender fills the 64 KiB buffer and
 * the pair settles into batched wake-ups; with large ones every message is several
 * buffer-sized hand-offs. Counted: messages the peer consumed, not writes that returned.
 * With {@code copy=VMSPLICE} the sender vmsplices references to its pages instead of writing the
 * bytes: its copy is skipped, the peer's read(2) copies every byte out of the sender's pages, one
 * copy instead of two. The sender cycles through enough buffers that it reuses one only after the
 * peer acknowledged the batch that carried it (traffic.OneWay), as vmsplice requires. Each vmsplice
 * takes at least one of the pipe's 16 slots, where write(2) packs small messages into shared
 * pages: at 64 B the pipe holds 16 messages instead of 1024, so small messages pay more wake-ups.
 */
public class PipeThroughput extends OneWayBenchmark {
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

    public PipeThroughput() {
        super(new PipeMechanism());
    }

    /** One operation: a message of {@code size} bytes written into the pipe and read by the peer; {@code bytes} adds its payload. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void oneWay(Payload payload) {
        oneWayOnce(payload);
    }
}
