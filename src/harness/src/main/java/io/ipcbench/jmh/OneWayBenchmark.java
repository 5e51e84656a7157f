package io.ipcbench.jmh;

import io.ipcbench.link.Mechanism;
import io.ipcbench.peer.Role;
import io.ipcbench.traffic.OneWay;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.concurrent.TimeUnit;

/**
 * The throughput benchmark every mechanism module extends: one {@code oneWay} operation is one
 * message of {@code size} bytes that the peer has consumed (see {@link OneWay} for how the
 * acknowledgements bound what is in flight). The secondary metric {@code bytes} gives payload
 * bytes per second. Each iteration ends by draining, so none starts with a full pipeline.
 */
@State(Scope.Thread)
public abstract class OneWayBenchmark {
    @Param({"64", "1024", "65536", "1048576"})
    public String size;

    @Param({"cross-core"})
    public String pinning;

    private final String name;
    private final ChannelOpener opener;
    private OneWay stream;
    private int bytesPerMessage;

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
        this(mechanism.name(), ChannelOpener.peer(mechanism));
    }

    /** For benchmarks whose other end is not a peer process of a {@link Mechanism} (the in-process floors). */
    protected OneWayBenchmark(String name, ChannelOpener opener) {
        this.name = name;
        this.opener = opener;
    }

    @Setup(Level.Trial)
    public void startPeer(BenchmarkParams jmh) {
        stream = OneWay.over(opener.open(TrialParams.of(name, jmh), Role.SINK, TrialParams.flameGraphs(jmh)));
        bytesPerMessage = stream.params().size();
    }

    @Setup(Level.Iteration)
    public void pinMeasuringThread() {
        stream.pinBenchmarkThread();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void oneWay(Payload payload) {
        stream.send();
        payload.bytes += bytesPerMessage;
    }

    @TearDown(Level.Iteration)
    public void drain() {
        stream.drain(false);
    }

    @TearDown(Level.Trial)
    public void stopPeer() {
        stream.close();
    }
}
