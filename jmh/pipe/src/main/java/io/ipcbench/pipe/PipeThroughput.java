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
 */
public class PipeThroughput extends OneWayBenchmark {
    /** BLOCKING sleeps in read(2) and is woken per message; BUSY_POLL spins on EAGAIN, removing the wake-up. */
    @Param
    public FdWait wait;

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
