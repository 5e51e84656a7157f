package io.ipcbench.pipe;

import io.ipcbench.bench.FanInBenchmark;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;

import java.util.concurrent.TimeUnit;

/**
 * Fan-in N to 1 through one pipe ({@link SharedPipeFanIn}): {@code producers} processes each write
 * whole messages into the pipe, this JVM reads and checks every word. One operation is one
 * message's worth of bytes read, so the score is messages per second of all producers together;
 * {@code -prof io.ipcbench.bench.FanInProfiler} adds the per-producer shares, Jain's index and
 * {@code fanin.interleaved}, the fraction of messages that arrived in parts (none up to PIPE_BUF,
 * 4096 bytes: POSIX makes such writes atomic).
 */
public class PipeFanIn extends FanInBenchmark {
    /** A multiple of 8 (every word names its producer), up to 1 MiB; 4096 is PIPE_BUF, the largest atomic write. */
    @Param({"64", "4096", "65536"})
    public String size;

    public PipeFanIn() {
        super(new SharedPipeFanIn());
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void fanIn() {
        consume();
    }
}
