package io.ipcbench.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.LongStream;

/**
 * {@code -prof io.ipcbench.bench.FanInProfiler}: how evenly a fan-in iteration's messages came from
 * its producers ({@link FanInBenchmark}), as secondary metrics averaged over iterations:
 * {@code fanin.share.min} and {@code fanin.share.max}, the smallest and largest producer's share of
 * the messages consumed, relative to an even share (1.0: each producer delivered 1/N of them; 0.5:
 * half its even share), and {@code fanin.jain}, Jain's fairness index (sum x)^2 / (N sum x^2), 1.0
 * when every producer delivered as many, 1/N when one delivered them all. A profiler, not JMH
 * On a byte stream whose producers' writes may interleave (a pipe above PIPE_BUF), {@code
 * fanin.interleaved} is the fraction of messages that arrived in parts. A profiler, not JMH
 * counters: JMH sums an {@code EVENTS} counter over iterations, where these must be averaged.
 * Nothing is reported for other benchmarks.
 */
public final class FanInProfiler implements InternalProfiler {
    @Override
    public String getDescription() {
        return "per-producer shares (min, max, relative to an even share) and Jain's fairness index of a fan-in iteration";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        FanInBenchmark.LAST_ITERATION.set(null);
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        FanInBenchmark.IterationTally tally = FanInBenchmark.LAST_ITERATION.getAndSet(null);
        if (tally == null || LongStream.of(tally.delivered()).sum() == 0) {
            return List.of();
        }
        Shares shares = Shares.of(tally.delivered());
        List<Result> results = new ArrayList<>(List.of(new ScalarResult("fanin.share.min", shares.min(), "share", AggregationPolicy.AVG),
                new ScalarResult("fanin.share.max", shares.max(), "share", AggregationPolicy.AVG),
                new ScalarResult("fanin.jain", shares.jain(), "index", AggregationPolicy.AVG)));
        if (tally.countsInterleaving()) {
            results.add(new ScalarResult("fanin.interleaved", (double) tally.interleaved() / LongStream.of(tally.delivered()).sum(),
                    "fraction", AggregationPolicy.AVG));
        }
        return results;
    }

    /** The shares of one iteration: min and max relative to an even share, and Jain's index. */
    record Shares(double min, double max, double jain) {
        static Shares of(long[] delivered) {
            double total = LongStream.of(delivered).sum();
            double even = total / delivered.length;
            double squares = LongStream.of(delivered).mapToDouble(x -> (double) x * x).sum();
            return new Shares(LongStream.of(delivered).min().orElseThrow() / even, LongStream.of(delivered).max().orElseThrow() / even,
                    total * total / (delivered.length * squares));
        }
    }
}
