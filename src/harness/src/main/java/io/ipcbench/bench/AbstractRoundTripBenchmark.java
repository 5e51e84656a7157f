package io.ipcbench.bench;

import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Role;
import io.ipcbench.traffic.RoundTrip;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The latency benchmark without a {@code size}: each benchmark class declares its {@code roundTrip}
 * method (SampleTime, which keeps every sample's distribution, p50 to p99.99 and max, in
 * nanoseconds per round trip) and calls {@link #roundTripOnce()}, which sends one message to the
 * other end and waits for it to come back whole. Mechanisms whose messages carry a payload
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

    /** One message to the other end and back whole: the measured operation of each subclass's {@code roundTrip}. */
    protected final void roundTripOnce() {
        roundTrip.once();
    }

    @TearDown(Level.Trial)
    public void stopPeer() {
        roundTrip.close();
    }
}
