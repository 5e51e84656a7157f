package io.ipcbench.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.util.Collection;
import java.util.List;

/**
 * {@code -prof io.ipcbench.bench.ProbeProfiler}: the fork's {@link PingPongProbe} figure as a
 * secondary metric, {@code probe.pingpong} (ns per round trip between the two measuring CPUs,
 * taken once when the trial started). Every iteration of a fork carries the same figure, so JMH's
 * per-fork raw data shows which forks ran in which mode. Nothing is measured here.
 */
public final class ProbeProfiler implements InternalProfiler {
    public static final String METRIC = "probe.pingpong";

    @Override
    public String getDescription() {
        return "the cache-line round trip between the two measuring CPUs, probed once per fork before the peer starts";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        // the probe ran at the trial's start, before the first iteration's measurement
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        double nanos = PingPongProbe.lastNanos();
        return Double.isNaN(nanos) ? List.of() : List.of(new ScalarResult(METRIC, nanos, "ns", AggregationPolicy.AVG));
    }
}
