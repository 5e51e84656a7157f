package io.ipcbench.cli.results;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The latencies JMH sampled in one SampleTime iteration, as distinct values and how often each
 * was seen ({@code rawDataHistogram}), in ascending order of value.
 */
public record Histogram(double[] values, long[] counts) {

    /** The histogram of every latency sampled in {@code parts}. */
    static Histogram merge(List<Histogram> parts) {
        SortedMap<Double, Long> merged = new TreeMap<>();
        for (Histogram part : parts) {
            for (int i = 0; i < part.values.length; i++) {
                merged.merge(part.values[i], part.counts[i], Long::sum);
            }
        }
        return new Histogram(merged.keySet().stream().mapToDouble(Double::doubleValue).toArray(),
                merged.values().stream().mapToLong(Long::longValue).toArray());
    }

    long total() {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }

    public double mean() {
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i] * counts[i];
        }
        return sum / total();
    }

    /** The smallest sampled value with at least {@code percent} % of the samples at or below it. */
    double percentile(double percent) {
        double rank = percent / 100 * total();
        long seen = 0;
        for (int i = 0; i < values.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return values[i];
            }
        }
        return values.length == 0 ? Double.NaN : values[values.length - 1];
    }
}
