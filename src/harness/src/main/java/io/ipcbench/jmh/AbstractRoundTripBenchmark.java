package io.ipcbench.jmh;

import io.ipcbench.link.Mechanism;
import io.ipcbench.traffic.RoundTrip;
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
 * The latency benchmark without a {@code size}: {@code roundTrip} sends one message to the peer
 * process and waits for it to come back. Mechanisms whose messages carry a payload extend
 * {@link RoundTripBenchmark}, which adds {@code size}; one whose messages carry none (signals)
 * extends this directly, so that it offers no size it would ignore.
 */
@State(Scope.Thread)
public abstract class AbstractRoundTripBenchmark {
    @Param({"cross-core"})
    public String pinning;

    private final Mechanism mechanism;
    private RoundTrip roundTrip;

    protected AbstractRoundTripBenchmark(Mechanism mechanism) {
        this.mechanism = mechanism;
    }

    @Setup(Level.Trial)
    public void startPeer(BenchmarkParams jmh) {
        roundTrip = RoundTrip.start(mechanism, TrialParams.of(mechanism.name(), jmh));
    }

    @Setup(Level.Iteration)
    public void pinMeasuringThread() {
        roundTrip.session().pinBenchmarkThread();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void roundTrip() {
        roundTrip.once();
    }

    @TearDown(Level.Trial)
    public void stopPeer() {
        roundTrip.close();
    }
}
