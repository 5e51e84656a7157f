package io.ipcbench.cli;

import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.Variance;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

/**
 * The statistics of a diff, on the values of the measured iterations: the iteration is what a run
 * repeats independently (a fresh JMH loop; forks add fresh JVMs), so it is the sample, as one
 * benchmark run is benchstat's.
 * <ul>
 *   <li>Is there a change? Mann-Whitney U (rank-based: no assumption of normal noise; benchstat's
 *       test), commons-math3's, two-sided; significant below {@link #ALPHA}. commons-math3 uses the
 *       normal approximation: with 3 iterations a side it gives p = 0.0495 when every iteration of
 *       one run beats every iteration of the other (the exact test would give 0.1), and with fewer
 *       than 3 a side nothing can be significant.</li>
 *   <li>How large? The ratio of the two centres with a 95 % interval from the iterations'
 *       spread: Welch's t on the log of the ratio (delta method), so that the interval is
 *       multiplicative like the change itself.</li>
 * </ul>
 */
final class Significance {
    static final double ALPHA = 0.05;
    private static final int MIN_SAMPLES = 2;

    private Significance() {
    }

    /** Two-sided p-value, NaN when a side has fewer than two finite samples. */
    static double pValue(double[] base, double[] changed) {
        double[] a = finite(base);
        double[] b = finite(changed);
        if (a.length < MIN_SAMPLES || b.length < MIN_SAMPLES) {
            return Double.NaN;
        }
        return new MannWhitneyUTest().mannWhitneyUTest(a, b);
    }

    static boolean significant(double p) {
        return p < ALPHA;
    }

    /**
     * The 95 % interval of {@code ratio} (the new centre over the base centre) from the iterations'
     * relative spread; NaNs when a side has fewer than two samples.
     */
    static double[] ratioInterval(double ratio, double[] base, double[] changed) {
        double[] a = finite(base);
        double[] b = finite(changed);
        if (a.length < MIN_SAMPLES || b.length < MIN_SAMPLES || !(ratio > 0)) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double va = relativeVarianceOfMean(a);
        double vb = relativeVarianceOfMean(b);
        double se = Math.sqrt(va + vb);
        if (se == 0) {
            return new double[] {ratio, ratio};
        }
        double df = (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        double t = new TDistribution(df).inverseCumulativeProbability(0.975);
        return new double[] {ratio * Math.exp(-t * se), ratio * Math.exp(t * se)};
    }

    /** Var(log mean) ≈ s² / (n · mean²). */
    private static double relativeVarianceOfMean(double[] x) {
        double mean = new Mean().evaluate(x);
        return new Variance().evaluate(x) / (x.length * mean * mean);
    }

    private static double[] finite(double[] x) {
        return Arrays.stream(x).filter(Double::isFinite).toArray();
    }
}
