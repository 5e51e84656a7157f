package io.ipcbench.bench;

import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Role;
import io.ipcbench.traffic.RoundTrip;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.concurrent.TimeUnit;

/**
 * The latency benchmark without a {@code size}: {@code roundTrip} sends one message to the other
 * end and waits for it to come back whole. SampleTime keeps every sample's distribution (p50 to
 * p99.99 and max), in nanoseconds per round trip. Mechanisms whose messages carry a payload
 * extend {@link RoundTripBenchmark}, which adds {@code size}; one whose messages carry none
 * (signals) extends this directly, so that it offers no size it would ignore. Subclasses add
 * their own {@code @Param}s; every param reaches the trial.
 */
@State(Scope.Thread)
public abstract class AbstractRoundTripBenchmark extends TrialBenchmark {
    private RoundTrip roundTrip;

    protected AbstractRoundTripBenchmark(Mechanism mechanism) {
        super(mechanism);
    }

    /** For benchmarks whose other end is not a peer process of a {@link Mechanism} (the in-process floors). */
    protected AbstractRoundTripBenchmark(String name, TrialOpener opener) {
        super(name, opener);
    }

    @Setup(Level.Trial)
    public void startPeer(BenchmarkParams jmh) {
        roundTrip = RoundTrip.over(open(jmh, Role.ECHO));
    }

    @Setup(Level.Iteration)
    public void pinMeasuringThread() {
        roundTrip.pinBenchmarkThread();
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
