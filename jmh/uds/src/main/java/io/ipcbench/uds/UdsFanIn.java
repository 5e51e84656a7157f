package io.ipcbench.uds;

import io.ipcbench.bench.FanInBenchmark;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;

import java.util.concurrent.TimeUnit;

/**
 * Fan-in N to 1 through Unix domain sockets that keep message boundaries ({@link PacketFanIn}):
 * {@code producers} processes send stamped messages to one bound DGRAM socket, or each over its
 * own SEQPACKET connection to one listening socket, and this JVM receives and checks each one
 * (with SEQPACKET, waiting on the N connections with poll(2)). One operation is one message
 * consumed, so the score is the messages per second of all producers together;
 * {@code -prof io.ipcbench.bench.FanInProfiler} adds each iteration's per-producer shares and
 * Jain's fairness index. Left out: STREAM, whose N connections the same poll would serve, and
 * TCP; each message here is whole by the kernel's doing, never interleaved.
 */
public class UdsFanIn extends FanInBenchmark {
    /** 8 bytes at least (the producer and sequence tag), up to what one message carries on this kernel (2 x net.core.wmem_max less 32). */
    @Param({"64", "65536"})
    public String size;

    @Param
    public PacketType socket;

    public UdsFanIn() {
        super(new PacketFanIn());
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void fanIn() {
        consume();
    }
}
