package io.ipcbench.cli.diff;

import io.ipcbench.cli.results.JmhResult;
import io.ipcbench.cli.results.Metric;
import io.ipcbench.cli.results.Significance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One benchmark × params measured in both runs: the change of each figure that decides it, the
 * figures shown beside them, and the changes of its OS costs.
 * <p>
 * A round trip (SampleTime) is decided by its p50 (the typical cost) and its p99 (the tail), each
 * tested on its own: its mean is shown and decides nothing, since a handful of multi-millisecond
 * stalls among tens of thousands of samples of a few hundred nanoseconds carry most of it. Every
 * other mode is decided by its score (a throughput, or the mean of an AverageTime op).
 *
 * @param figures the figures compared, the deciding ones first
 */
public record RowDiff(JmhResult base, JmhResult changed, List<Figure> figures, List<Change> costs) {

    /** What the change of one figure means for a gate. */
    public enum Outcome { REGRESSION, IMPROVEMENT, NOT_CLEARLY_BEYOND_THRESHOLD, NOT_SIGNIFICANT }

    /**
     * One figure of a row in both runs, tested over the forks.
     *
     * @param name     p50, p99, mean or score
     * @param ratio    new / base
     * @param interval 95 % interval of the ratio from the forks' values (NaNs when a side has fewer than two forks)
     * @param p        exact Mann-Whitney U over the forks' values (NaN below {@link Significance#MIN_FORKS} forks a side)
     * @param decides  whether the figure counts for the row's verdict and the gate
     */
    record Figure(String name, String unit, double base, double changed, double ratio, double[] interval, double p,
                  boolean decides, boolean higherIsBetter) {

        static Figure of(String name, Metric a, Metric b, Function<Metric, Double> centre,
                         Function<Metric, double[]> forks, boolean decides, boolean higherIsBetter) {
            double base = centre.apply(a);
            double changed = centre.apply(b);
            double ratio = changed / base;
            return new Figure(name, a.unit(), base, changed, ratio, Significance.ratioInterval(ratio, forks.apply(a), forks.apply(b)),
                    Significance.pValue(forks.apply(a), forks.apply(b)), decides, higherIsBetter);
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
            return higherIsBetter ? 1 / ratio : ratio;
        }

        double[] timeInterval() {
            return higherIsBetter ? new double[] {1 / interval[1], 1 / interval[0]} : interval;
        }
    }

    /** A secondary figure: an OS cost per operation, in both runs. */
    record Change(String name, String unit, double base, double changed, double p) {
        double ratio() {
            return changed / base;
        }
    }

    static final String P50 = "p50";
    static final String P99 = "p99";

    static RowDiff of(JmhResult base, JmhResult changed) {
        Metric a = base.primary();
        Metric b = changed.primary();
        boolean up = base.higherIsBetter();
        List<Figure> figures = new ArrayList<>();
        if (base.mode().equals("sample") && changed.mode().equals("sample")) {
            figures.add(percentile(P50, 50.0, a, b));
            figures.add(percentile(P99, 99.0, a, b));
            figures.add(Figure.of("mean", a, b, Metric::score, Metric::forkMeans, false, up));
        } else {
            figures.add(Figure.of("score", a, b, Metric::score, Metric::forkMeans, true, up));
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
        return new RowDiff(base, changed, List.copyOf(figures), List.copyOf(costs));
    }

    /** JMH's percentile over every sampled round trip, tested on each fork's own percentile. */
    private static Figure percentile(String name, double percent, Metric a, Metric b) {
        return Figure.of(name, a, b, m -> m.percentile(percent), m -> m.forkPercentiles(percent), true, false);
    }

    /** The figures that decide the row: p50 and p99 of a round trip, the score otherwise. */
    List<Figure> deciding() {
        return figures.stream().filter(Figure::decides).toList();
    }

    /** The figure that stands for the row in one number (a geometric mean, a plot): p50 of a round trip, else the score. */
    Figure headline() {
        return figures.getFirst();
    }

    /** The figure that is not tested for a gate: a round trip's mean. */
    List<Figure> shownOnly() {
        return figures.stream().filter(f -> !f.decides()).toList();
    }

    boolean significant() {
        return deciding().stream().anyMatch(Figure::significant);
    }

    /** The row's verdict: a regression when any deciding figure regressed, else an improvement when any improved. */
    Outcome outcome(double threshold) {
        List<Outcome> outcomes = deciding().stream().map(f -> f.outcome(threshold)).toList();
        for (Outcome o : Outcome.values()) {
            if (outcomes.contains(o)) {
                return o;
            }
        }
        return Outcome.NOT_SIGNIFICANT;
    }

    /** The headline's change, new / base. */
    double ratio() {
        return headline().ratio();
    }

    /** The headline's change as time per operation: above 1 is slower. */
    double timeRatio() {
        return headline().timeRatio();
    }
}
