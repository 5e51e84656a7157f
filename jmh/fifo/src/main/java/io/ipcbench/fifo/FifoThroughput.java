package io.ipcbench.fifo;

import io.ipcbench.bench.OneWayBenchmark;
import io.ipcbench.link.FdWait;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;

import java.util.concurrent.TimeUnit;

/**
 * Messages streamed through a named pipe to a peer that reads every byte and acknowledges each
 * batch through a second FIFO. The data path is a pipe's (64 KiB buffer, short reads and writes
 * looped), so the numbers should track PipeThroughput; the module is there to show that they do.
 * Counted: messages the peer consumed, not writes that returned.
 */
public class FifoThroughput extends OneWayBenchmark {
    /** BLOCKING sleeps in read(2) and is woken per message; BUSY_POLL spins on EAGAIN, removing the wake-up. */
    @Param
    public FdWait wait;

    public FifoThroughput() {
        super(new FifoMechanism());
    }

    /** One operation: a message of {@code size} bytes written into the FIFO and read by the peer; {@code bytes} adds its payload. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void oneWay(Payload payload) {
        oneWayOnce(payload);
    }
}
