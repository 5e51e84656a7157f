package io.ipcbench.fifo;

import io.ipcbench.bench.FanInBenchmark;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;

import java.util.concurrent.TimeUnit;

/**
 * Fan-in N to 1 through one named pipe ({@link NamedPipeFanIn}): {@code producers} processes open
 * the FIFO by path and write whole messages into it, this JVM reads and checks every word. The
 * data path is the pipe's, so the numbers should track PipeFanIn's; measuring both shows that
 * reaching the pipe by name changes nothing per message, and that the same framing rule holds:
 * writes up to PIPE_BUF (4096 bytes) are atomic, larger ones may interleave, counted by
 * {@code -prof io.ipcbench.bench.FanInProfiler} as {@code fanin.interleaved}.
 */
public class FifoFanIn extends FanInBenchmark {
    /** A multiple of 8 (every word names its producer), up to 16 MiB; 4096 is PIPE_BUF, the largest atomic write. */
    @Param({"64", "4096", "65536"})
    public String size;

    public FifoFanIn() {
        super(new NamedPipeFanIn());
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void fanIn() {
        consume();
    }
}
