package io.ipcbench.cli.lessons;

import io.ipcbench.cli.results.Fmt;
import io.ipcbench.cli.results.JmhResult;
import io.ipcbench.cli.results.Metric;
import io.ipcbench.cli.results.Significance;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * The rule every lesson calls a difference by: a ratio of figures of one run (a round trip's p50
 * over another's, one rate over another, a ratio of such ratios) counts only when its 95 %
 * interval lies wholly on one side of 1, the interval coming from the run's own noise: the spread
 * of each figure over the JMH forks ({@link Significance#interval}), or over the iterations of
 * the one fork a run made (narrower than the noise between forks: a one-fork run can call a
 * difference the next run would not confirm). A figure measured once (one fork of one iteration)
 * has no spread, and nothing compared with it is beyond the noise.
 */
final class Noise {
    /** Where a ratio lies against 1. */
    enum Side { BELOW, WITHIN, ABOVE }

    /**
     * @param value    the ratio of the figures the run reports (p50 for a round trip, the score otherwise)
     * @param interval its 95 % interval; NaNs when some figure has no spread
     */
    record Ratio(double value, double[] interval, String basis) {
        Side side() {
            if (interval[0] > 1) {
                return Side.ABOVE;
            }
            return interval[1] < 1 ? Side.BELOW : Side.WITHIN;
        }

        /** "1.24× [1.10×, 1.40×] over forks, beyond the noise" */
        String text() {
            String range = Double.isFinite(interval[0])
                    ? " [" + Fmt.ratio(interval[0]) + ", " + Fmt.ratio(interval[1]) + "] over " + basis
                    : " (no spread: " + basis + ")";
            return Fmt.ratio(value) + range + (side() == Side.WITHIN ? ", within the noise" : ", beyond the noise");
        }
    }

    /** What "beyond the noise" means in every lesson's rule. */
    static final String RULE = "A difference counts only beyond the run's own noise: when the 95 % interval of the ratio "
            + "(from each figure's spread over the forks, or over the iterations of a one-fork run, which understates the "
            + "noise) lies wholly on one side of 1; a claim whose numbers stay within the noise is *inconclusive*.";

    private Noise() {
    }

    /**
     * A claim that holds at every point compared: reproduced when every ratio lies beyond the noise
     * on the claimed side, not reproduced when one lies beyond it on the other side, inconclusive
     * otherwise (some within the noise, none against).
     */
    static Verdict verdict(List<Ratio> ratios, Side claimed, String measured, String threshold) {
        if (ratios.stream().allMatch(r -> r.side() == claimed)) {
            return new Verdict(Verdict.Status.REPRODUCED, measured, threshold);
        }
        boolean against = ratios.stream().anyMatch(r -> r.side() != claimed && r.side() != Side.WITHIN);
        return new Verdict(against ? Verdict.Status.NOT_REPRODUCED : Verdict.Status.INCONCLUSIVE, measured, threshold);
    }

    /** a / b, each result at its figure. */
    static Ratio ratio(JmhResult a, JmhResult b) {
        return ratio(List.of(a), List.of(b));
    }

    /** The product of the numerator's figures over the product of the denominator's. */
    static Ratio ratio(List<JmhResult> numerator, List<JmhResult> denominator) {
        double value = product(numerator) / product(denominator);
        List<JmhResult> all = Stream.concat(numerator.stream(), denominator.stream()).toList();
        List<double[]> samples = all.stream().map(Noise::samples).toList();
        return new Ratio(value, Significance.interval(value, samples), basis(all.stream().map(JmhResult::primary).toList()));
    }

    /**
     * The 95 % interval of the sum of the metrics' scores (a cost of both processes), from the spread of the sums
     * of their values fork by fork (iteration by iteration in a one-fork run).
     */
    static double[] sumInterval(List<Metric> metrics) {
        List<double[]> each = metrics.stream().map(m -> values(m, Metric.Fork::mean, Metric.Fork::iterations)).toList();
        int n = each.stream().mapToInt(v -> v.length).min().orElse(0);
        double[] sums = new double[n];
        each.forEach(v -> Arrays.setAll(sums, i -> sums[i] + v[i]));
        return Significance.meanInterval(metrics.stream().mapToDouble(Metric::score).sum(), sums);
    }

    /** "5 forks", "3 iterations of one fork", "one fork of one iteration" for the results compared. */
    private static String basis(List<Metric> metrics) {
        int forks = metrics.stream().mapToInt(m -> m.forks().size()).min().orElse(0);
        if (forks >= 2) {
            return forks + " forks";
        }
        int iterations = metrics.stream().mapToInt(m -> m.iterations().length).min().orElse(0);
        return iterations >= 2 ? iterations + " iterations of one fork" : "one fork of one iteration";
    }

    /** The figure's value in each fork (its p50 for a round trip, its mean otherwise); in each iteration of a lone fork. */
    private static double[] samples(JmhResult r) {
        return values(r.primary(), r::typical, r::typicalPerIteration);
    }

    private static double[] values(Metric m, ToDoubleFunction<Metric.Fork> perFork, Function<Metric.Fork, double[]> perIteration) {
        return m.forks().size() == 1 ? perIteration.apply(m.forks().getFirst()) : m.forks().stream().mapToDouble(perFork).toArray();
    }

    private static double product(List<JmhResult> results) {
        return results.stream().mapToDouble(JmhResult::typical).reduce(1, (x, y) -> x * y);
    }
}
