package io.ipcbench.cli.flame;

import io.ipcbench.cli.results.JmhResult;

/**
 * How many operations a profile covered, to normalise its samples per operation: a faster run
 * runs more operations in the same seconds and so collects more samples in the code it repeats,
 * which raw sample counts (and {@code jfrconv --diff}) would show as a change. JMH's JSON gives
 * rates, not counts, so the count is estimated: each measured iteration's rate times its length.
 * The benchmark JVM's profile covers the measured iterations; the peer's covers its whole life,
 * so warm-up iterations are added at the measured rate (set-up and tear-down are not).
 */
public final class OpsEstimate {
    private OpsEstimate() {
    }

    public static double measured(JmhResult result) {
        double seconds = result.timing().measurementSeconds();
        double ops = 0;
        for (double value : result.primary().iterations()) {
            ops += result.higherIsBetter() ? value * seconds : seconds * 1e9 / value;
        }
        return ops;
    }

    public static double wholeTrial(JmhResult result) {
        JmhResult.Timing t = result.timing();
        double measuredSeconds = t.measurementIterations() * t.measurementSeconds() * Math.max(1, t.forks());
        double warmupSeconds = t.warmupIterations() * t.warmupSeconds() * Math.max(1, t.forks());
        return measured(result) * (1 + warmupSeconds / measuredSeconds);
    }
}
