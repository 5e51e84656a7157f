package io.ipcbench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One benchmark × params measured in both runs: the change of its score, whether it is
 * significant, and the changes of its latency percentiles and OS costs.
 *
 * @param ratio    new score / base score
 * @param interval 95 % interval of the ratio from the fork means (NaNs when a side has fewer than two forks)
 * @param p        exact Mann-Whitney U over the fork means (NaN below {@link Significance#MIN_FORKS} forks a side)
 */
record RowDiff(JmhResult base, JmhResult changed, double ratio, double[] interval, double p,
               List<Change> percentiles, List<Change> costs) {

    /** What the change of one row means for a gate. */
    enum Outcome { REGRESSION, IMPROVEMENT, NOT_CLEARLY_BEYOND_THRESHOLD, NOT_SIGNIFICANT }

    /** A secondary figure: a latency percentile or an OS cost per operation, in both runs. */
    record Change(String name, String unit, double base, double changed, double p) {
        double ratio() {
            return changed / base;
        }
    }

    private static final double[] PERCENTILES = {50.0, 99.0};

    static RowDiff of(JmhResult base, JmhResult changed) {
        Metric a = base.primary();
        Metric b = changed.primary();
        double ratio = b.score() / a.score();
        List<Change> percentiles = new ArrayList<>();
        if (base.mode().equals("sample") && changed.mode().equals("sample")) {
            for (double percent : PERCENTILES) {
                percentiles.add(new Change("p" + Fmt.num(percent), a.unit(), a.percentile(percent), b.percentile(percent),
                        Significance.pValue(a.forkPercentiles(percent), b.forkPercentiles(percent))));
            }
        }
        List<Change> costs = new ArrayList<>();
        Map<String, Metric> newCosts = changed.osCosts();
        base.osCosts().forEach((name, cost) -> {
            Metric other = newCosts.get(name);
            if (other != null) {
                costs.add(new Change(name, cost.unit(), cost.score(), other.score(),
                        Significance.pValue(cost.forkMeans(), other.forkMeans())));
            }
        });
        return new RowDiff(base, changed, ratio, Significance.ratioInterval(ratio, a.forkMeans(), b.forkMeans()),
                Significance.pValue(a.forkMeans(), b.forkMeans()), List.copyOf(percentiles), List.copyOf(costs));
    }

    boolean significant() {
        return Significance.significant(p);
    }

    /**
     * Regressions and improvements are significant changes whose whole 95 % interval lies beyond
     * {@code threshold} (0.10 = 10 %), in time per operation: the diff claims a change beyond the
     * threshold only when the data rule out one within it. A change the test finds but whose
     * interval reaches back inside the threshold is reported, and does not fail a gate.
     */
    Outcome outcome(double threshold) {
        if (!significant()) {
            return Outcome.NOT_SIGNIFICANT;
        }
        double[] time = timeInterval();
        if (time[0] > 1 + threshold) {
            return Outcome.REGRESSION;
        }
        if (time[1] < 1 - threshold) {
            return Outcome.IMPROVEMENT;
        }
        return Outcome.NOT_CLEARLY_BEYOND_THRESHOLD;
    }

    /** The change as time per operation (throughput inverted): above 1 is slower, whatever the mode. */
    double timeRatio() {
        return base.higherIsBetter() ? 1 / ratio : ratio;
    }

    double[] timeInterval() {
        return base.higherIsBetter() ? new double[] {1 / interval[1], 1 / interval[0]} : interval;
    }
}
