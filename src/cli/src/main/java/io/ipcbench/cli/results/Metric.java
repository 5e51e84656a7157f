package io.ipcbench.cli.results;

import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;

/**
 * One JMH metric of one benchmark × params, in the base unit of {@link Units}: the score with JMH's
 * confidence interval (99.9 %, Student's t over the iterations; NaN where JMH could not compute
 * one), the percentiles JMH reports, and what every fork measured.
 *
 * @param percentiles by percent (50.0, 99.0, 99.9 ...)
 * @param forks       one entry per JMH fork (a fresh benchmark JVM and a fresh peer), in order
 */
public record Metric(double score, double error, double low, double high, String unit,
              SortedMap<Double, Double> percentiles, List<Fork> forks) {

    /**
     * What one fork measured.
     *
     * @param iterations one value per measured iteration; for SampleTime the mean of its histogram
     * @param histograms SampleTime only: every sampled latency, per iteration; empty otherwise
     */
    public record Fork(double[] iterations, List<Histogram> histograms) {
        public double mean() {
            return Arrays.stream(iterations).average().orElse(Double.NaN);
        }

        /** The percentile of every latency the fork sampled; NaN without histograms. */
        double percentile(double percent) {
            return histograms.isEmpty() ? Double.NaN : Histogram.merge(histograms).percentile(percent);
        }
    }

    public double percentile(double percent) {
        Double value = percentiles.get(percent);
        return value == null ? Double.NaN : value;
    }

    /** Every measured iteration of every fork, in order. */
    public double[] iterations() {
        return forks.stream().flatMapToDouble(f -> Arrays.stream(f.iterations())).toArray();
    }

    /** The samples a diff compares: one per fork, the mean of its iterations. */
    public double[] forkMeans() {
        return forks.stream().mapToDouble(Fork::mean).toArray();
    }

    /** One percentile per fork, from its histograms; empty when there are none. */
    public double[] forkPercentiles(double percent) {
        return forks.stream().filter(f -> !f.histograms().isEmpty()).mapToDouble(f -> f.percentile(percent)).toArray();
    }
}
