package io.ipcbench.cli.diff;

import io.ipcbench.cli.results.JmhResult;
import io.ipcbench.cli.results.Run;
import io.ipcbench.cli.usage.CliException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Several runs per side, with the run as a level: every base run is compared with every new run
 * exactly as a one-to-one diff compares them ({@link RunDiff}), and a row counts as a regression
 * (or an improvement) only when it is one in every pairing. Run-to-run drift on one machine moves
 * a row beyond the threshold in one pairing and not in the next; a change of the code moves it in
 * all of them.
 *
 * @param pairings every base run against every new run, base-major
 * @param rows     the rows every run has
 * @param missing  the rows some runs lack, each with the runs that lack it
 */
record PooledDiff(List<Run> base, List<Run> changed, List<RunDiff> pairings, List<Row> rows, Map<String, List<String>> missing) {

    /**
     * One benchmark × params over all pairings.
     *
     * @param pairs           its row in each pairing, in the order of {@link #pairings}
     * @param pooledTimeRatio the headline's change between the sides' pooled centres over all forks of all
     *                        runs (the median of the forks' p50 for a round trip, the mean of the forks' means
     *                        otherwise), as time per operation: above 1 is slower
     */
    record Row(JmhResult result, List<RowDiff> pairs, double pooledTimeRatio) {

        /** A regression or an improvement only when every pairing says so; else not flagged. */
        RowDiff.Outcome outcome(double threshold) {
            List<RowDiff.Outcome> outcomes = pairs.stream().map(p -> p.outcome(threshold)).distinct().toList();
            if (outcomes.size() == 1) {
                return outcomes.getFirst();
            }
            return pairs.stream().anyMatch(RowDiff::significant) ? RowDiff.Outcome.NOT_CLEARLY_BEYOND_THRESHOLD
                    : RowDiff.Outcome.NOT_SIGNIFICANT;
        }

        /** How many pairings judge the row {@code outcome}. */
        long pairingsWith(RowDiff.Outcome outcome, double threshold) {
            return pairs.stream().filter(p -> p.outcome(threshold) == outcome).count();
        }

        /** The smallest and largest change of the headline over the pairings, as time per operation. */
        double[] timeRatioRange() {
            double[] ratios = pairs.stream().mapToDouble(RowDiff::timeRatio).toArray();
            return new double[] {Arrays.stream(ratios).min().orElseThrow(), Arrays.stream(ratios).max().orElseThrow()};
        }
    }

    static PooledDiff of(List<Run> base, List<Run> changed) {
        List<Run> all = Stream.concat(base.stream(), changed.stream()).toList();
        Map<String, List<String>> lackedBy = new LinkedHashMap<>();
        all.forEach(run -> run.results().forEach(r -> lackedBy.putIfAbsent(r.key(), new ArrayList<>())));
        for (Run run : all) {
            List<String> keys = run.results().stream().map(JmhResult::key).toList();
            lackedBy.forEach((key, runs) -> {
                if (!keys.contains(key)) {
                    runs.add(run.dir().toString());
                }
            });
        }
        List<RunDiff> pairings = new ArrayList<>();
        for (Run a : base) {
            for (Run b : changed) {
                pairings.add(RunDiff.of(a, b));
            }
        }
        List<Row> rows = new ArrayList<>();
        Map<String, List<String>> missing = new LinkedHashMap<>();
        lackedBy.forEach((key, runs) -> {
            if (!runs.isEmpty()) {
                missing.put(key, List.copyOf(runs));
                return;
            }
            List<RowDiff> pairs = pairings.stream().map(d -> d.rows().stream().filter(r -> r.base().key().equals(key))
                    .findFirst().orElseThrow()).toList();
            JmhResult first = pairs.getFirst().base();
            double ratio = pooledCentre(changed, key) / pooledCentre(base, key);
            rows.add(new Row(first, pairs, first.higherIsBetter() ? 1 / ratio : ratio));
        });
        if (rows.isEmpty()) {
            throw new CliException("no benchmark × params is in every run of both sides: nothing to compare");
        }
        return new PooledDiff(List.copyOf(base), List.copyOf(changed), List.copyOf(pairings), List.copyOf(rows), missing);
    }

    List<Row> with(RowDiff.Outcome outcome, double threshold) {
        return rows.stream().filter(r -> r.outcome(threshold) == outcome).toList();
    }

    /** The headline's centre over all forks of all runs of a side: median of the forks' p50 (a round trip), else the mean of the forks' means. */
    private static double pooledCentre(List<Run> side, String key) {
        List<JmhResult> results = side.stream().flatMap(run -> run.results().stream().filter(r -> r.key().equals(key))).toList();
        if (results.getFirst().mode().equals("sample")) {
            return median(results.stream().flatMapToDouble(r -> Arrays.stream(r.primary().forkPercentiles(50.0))).toArray());
        }
        return results.stream().flatMapToDouble(r -> Arrays.stream(r.primary().forkMeans())).average().orElseThrow();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The profile a run was made with (quick, compare, ...). */
    static String profile(Run run) {
        return run.info().json().path("profile").path("name").asText("unknown");
    }
}
