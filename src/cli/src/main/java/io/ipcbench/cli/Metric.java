package io.ipcbench.cli;

import java.util.List;
import java.util.SortedMap;

/**
 * One JMH metric of one benchmark × params, in the base unit of {@link Units}: the score with JMH's
 * confidence interval (99.9 %, Student's t over the iterations; NaN where JMH could not compute
 * one), the percentiles JMH reports, and the value of every measured iteration (all forks, in
 * order): the unit of replication the statistics of a diff work on.
 *
 * @param percentiles by percent (50.0, 99.0, 99.9 ...)
 * @param iterations  one value per measured iteration; for SampleTime the mean of its histogram
 * @param histograms  SampleTime only: every sampled latency, per iteration; empty otherwise
 */
record Metric(double score, double error, double low, double high, String unit,
              SortedMap<Double, Double> percentiles, double[] iterations, List<Histogram> histograms) {

    double percentile(double percent) {
        Double value = percentiles.get(percent);
        return value == null ? Double.NaN : value;
    }

    /** One percentile per iteration, from the histograms; empty when there are none. */
    double[] iterationPercentiles(double percent) {
        return histograms.stream().mapToDouble(h -> h.percentile(percent)).toArray();
    }

    boolean hasInterval() {
        return Double.isFinite(low) && Double.isFinite(high);
    }
}
