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

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What {@link RoundTripBenchmark} measures, without its {@code size} param: extend this directly
 * for a mechanism whose message size is fixed by its kernel object (an eventfd's 8-byte counter)
 * and give the size among the {@code implied} params. A profile's size list then does not
 * multiply the benchmark into forks that would all be refused.
 */
@State(Scope.Thread)
public abstract class RoundTripTrial {
    @Param({"cross-core"})
    public String pinning;

    private final Mechanism mechanism;
    private final Map<String, String> implied;
    private RoundTrip roundTrip;

    /** {@code implied}: params every trial of this class has, added to its JMH params. */
    protected RoundTripTrial(Mechanism mechanism, Map<String, String> implied) {
        this.mechanism = mechanism;
        this.implied = Map.copyOf(implied);
    }

    @Setup(Level.Trial)
    public void startPeer(BenchmarkParams jmh) {
        roundTrip = RoundTrip.start(mechanism, TrialParams.of(mechanism.name(), jmh, implied));
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
