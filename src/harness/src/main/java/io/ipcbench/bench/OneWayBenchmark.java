package io.ipcbench.bench;

import io.ipcbench.link.Mechanism;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * The throughput benchmark every mechanism with a payload extends: one {@code oneWay} operation
 * is one message of {@code size} bytes that the peer has consumed. The secondary metric
 * {@code bytes} gives payload bytes per second.
 */
@State(Scope.Thread)
public abstract class OneWayBenchmark extends AbstractOneWayBenchmark {
    @Param({"64", "1024", "65536", "1048576"})
    public String size;

    /** Payload bytes delivered, reported by JMH per second next to the message rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Payload {
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    protected OneWayBenchmark(Mechanism mechanism) {
        super(mechanism);
    }

    protected OneWayBenchmark(String name, TrialOpener opener) {
        super(name, opener);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void oneWay(Payload payload) {
        send();
        payload.bytes += payloadBytes();
    }
}
