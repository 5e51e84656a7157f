package io.ipcbench.cacheline;

import io.ipcbench.bench.CheckedParams;
import io.ipcbench.bench.TrialCpus;
import io.ipcbench.bench.TrialParams;
import io.ipcbench.link.Params;
import io.ipcbench.os.Pinning;
import io.ipcbench.ring.RingLayout;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
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
 * False sharing alone (JMH sample 22): two threads, pinned to two cores, each incrementing its own
 * counter, with nothing shared but, for SHARED_INDICES, the cache line the counters sit on. Every
 * increment then needs the line in exclusive state, so the line shuttles between the cores; PADDED
 * puts the counters two lines apart and each core keeps its own. The group's score is increments
 * per second by both threads ({@code first} and {@code second} each). This is lesson 2 with every
 * other cost removed: ShmThroughput's PADDED/SHARED_INDICES gap is this effect diluted by copies and
 * waiting. Left out: any real hand-off (neither thread ever reads the other's counter).
 */
@State(Scope.Group)
public class FalseSharing implements CheckedParams {
    @Param({"SHARED_INDICES", "PADDED"})
    public RingLayout layout;

    @Param({"cross-core"})
    public String pinning;

    private TwoCounters counters;
    private Pinning.Plan cpus;

    @Override
    public void checkParams(Map<String, String> values) {
        Params params = new Params(TwoCounters.NAME, values);
        params.choice("layout", RingLayout.class);
        params.pinning().plan();
    }

    @Setup(Level.Trial)
    public void allocate(BenchmarkParams jmh) {
        Params params = TrialParams.of(TwoCounters.NAME, jmh);
        counters = TwoCounters.of(params);
        cpus = TrialCpus.prepare(params);
    }

    /** The thread of {@link #first}, on the benchmark CPU of the pinning plan. */
    @State(Scope.Thread)
    public static class OnBenchmarkCpu {
        @Setup(Level.Iteration)
        public void pin(FalseSharing shared) {
            Cpus.pin(shared.cpus.benchmarkCpu());
        }
    }

    /** The thread of {@link #second}, on the peer CPU of the pinning plan. */
    @State(Scope.Thread)
    public static class OnPeerCpu {
        @Setup(Level.Iteration)
        public void pin(FalseSharing shared) {
            Cpus.pin(shared.cpus.peerCpu());
        }
    }

    @Benchmark
    @Group("increments")
    @GroupThreads(1)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void first(OnBenchmarkCpu cpu) {
        counters.incrementFirst();
    }

    @Benchmark
    @Group("increments")
    @GroupThreads(1)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void second(OnPeerCpu cpu) {
        counters.incrementSecond();
    }

    @TearDown(Level.Trial)
    public void free() {
        counters.close();
    }
}
