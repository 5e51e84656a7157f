package io.ipcbench.cli.results;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.Variance;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * The statistics of a diff, on one sample per JMH fork (the mean of the fork's iterations). The
 * fork is what a run repeats independently: a fresh benchmark JVM, a fresh peer, fresh JIT
 * decisions, memory placement and host state. Iterations inside one fork share all of that, so
 * they are not independent samples: two runs of one build on one machine differ by more than
 * their iterations scatter, and a test over iterations calls that difference significant.
 * <ul>
 *   <li>Is there a change? The exact Mann-Whitney U test (rank-based: no assumption of normal
 *       noise; benchstat's test), commons-statistics', two-sided; significant below
 *       {@link #ALPHA}. Its smallest p-value is 0.1 with 3 forks a side, 0.029 with 4, 0.0079
 *       with 5: below {@link #MIN_FORKS} forks a side nothing can be significant, and no
 *       p-value is given.</li>
 *   <li>How large? The ratio of the two centres with a 95 % interval from the spread of the fork
 *       means: Welch's t on the log of the ratio (delta method), so that the interval is
 *       multiplicative like the change itself.</li>
 * </ul>
 */
public final class Significance {
    public static final double ALPHA = 0.05;
    /** The fewest forks a side with which the exact two-sided test can reach {@link #ALPHA}. */
    public static final int MIN_FORKS = 4;
    /**
     * The change a diff's gate is about unless given another ({@code --threshold}): a regression or an
     * improvement is a significant change whose whole 95 % interval lies beyond it.
     */
    public static final double DEFAULT_THRESHOLD = 0.10;
    private static final int MIN_FOR_SPREAD = 2;
    private static final MannWhitneyUTest TEST = MannWhitneyUTest.withDefaults();

    private Significance() {
    }

    /** Two-sided p-value; NaN when a side has fewer than {@link #MIN_FORKS} finite samples. */
    public static double pValue(double[] base, double[] changed) {
        double[] a = finite(base);
        double[] b = finite(changed);
        if (a.length < MIN_FORKS || b.length < MIN_FORKS) {
            return Double.NaN;
        }
        return TEST.test(a, b).getPValue();
    }

    public static boolean significant(double p) {
        return p < ALPHA;
    }

    /**
     * The 95 % interval of {@code ratio} (the new centre over the base centre) from the samples'
     * relative spread; NaNs when a side has fewer than two samples.
     */
    public static double[] ratioInterval(double ratio, double[] base, double[] changed) {
        return interval(ratio, List.of(base, changed));
    }

    /**
     * The 95 % interval of {@code centre}, a product and quotient of the centres of several sets of
     * samples (a ratio, or a ratio of ratios), from each set's relative spread: the log of the
     * centre has the variance of the sum of the sets' log means, Var(log mean) ≈ s² / (n · mean²),
     * and Welch-Satterthwaite's degrees of freedom. NaNs when a set has fewer than two samples.
     */
    public static double[] interval(double centre, List<double[]> samples) {
        if (!(centre > 0)) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double variance = 0;
        double dfDenominator = 0;
        for (double[] set : samples) {
            double[] x = finite(set);
            if (x.length < MIN_FOR_SPREAD) {
                return new double[] {Double.NaN, Double.NaN};
            }
            double v = relativeVarianceOfMean(x);
            variance += v;
            dfDenominator += v * v / (x.length - 1);
        }
        if (variance == 0) {
            return new double[] {centre, centre};
        }
        double t = TDistribution.of(variance * variance / dfDenominator).inverseCumulativeProbability(0.975);
        double se = Math.sqrt(variance);
        return new double[] {centre * Math.exp(-t * se), centre * Math.exp(t * se)};
    }

    /**
     * The 95 % Student interval around {@code centre}, a mean, from the spread of the samples it
     * was estimated from; NaNs below two samples.
     */
    public static double[] meanInterval(double centre, double[] samples) {
        double[] x = finite(samples);
        if (x.length < MIN_FOR_SPREAD) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double half = TDistribution.of(x.length - 1).inverseCumulativeProbability(0.975)
                * Math.sqrt(Variance.of(x).getAsDouble() / x.length);
        return new double[] {centre - half, centre + half};
    }

    /** Var(log mean) ≈ s² / (n · mean²). */
    private static double relativeVarianceOfMean(double[] x) {
        double mean = Mean.of(x).getAsDouble();
        return Variance.of(x).getAsDouble() / (x.length * mean * mean);
    }

    private static double[] finite(double[] x) {
        return Arrays.stream(x).filter(Double::isFinite).toArray();
    }
}
