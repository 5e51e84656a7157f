package io.ipcbench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The document of {@code diff}: summary, environments, every row's change, percentiles, OS costs. */
final class DiffDoc {
    private final RunDiff diff;
    private final double threshold;
    private final ParamNames names;

    private DiffDoc(RunDiff diff, double threshold) {
        this.diff = diff;
        this.threshold = threshold;
        this.names = new ParamNames(Stream.concat(diff.base().results().stream(), diff.changed().results().stream()).toList());
    }

    static Doc of(RunDiff diff, double threshold) {
        return new DiffDoc(diff, threshold).build();
    }

    private Doc build() {
        Doc doc = new Doc("ipcbench diff: " + diff.base().id() + " → " + diff.changed().id());
        summary(doc);
        doc.add(EnvironmentDiff.of(diff.base(), diff.changed()));
        doc.heading(2, "Changes");
        List<String> labels = diff.rows().stream().map(r -> label(r.base())).toList();
        doc.html(RatioPlot.svg(diff.rows(), labels, threshold), "(The HTML version plots every row's ratio with its interval.)");
        results(doc, labels);
        percentiles(doc);
        costs(doc);
        onlyInOne(doc);
        doc.add(FlameDiff.of(diff, this::label));
        doc.heading(2, "How to read this");
        doc.para("Each result's centre is JMH's score with JMH's 99.9 % confidence interval. The statistics of the change "
                + "take one sample per JMH fork, the mean of its measured iterations: a fork is a fresh benchmark JVM and a "
                + "fresh peer, what a run repeats independently, while iterations inside one fork share the JIT's decisions, "
                + "the memory placement and the host's state, and two runs of one build differ by more than their iterations "
                + "scatter. The change is new / base with a 95 % interval (Welch's t on the log ratio of the fork means). p "
                + "is the exact two-sided Mann-Whitney U test (commons-statistics) over the fork means; `~` marks p ≥ "
                + Significance.ALPHA + ": no significant change, as benchstat marks it. The smallest p the test can give is "
                + "0.1 with 3 forks a side, 0.029 with 4 and 0.0079 with 5, so with fewer than " + Significance.MIN_FORKS
                + " forks a side no p is computed and nothing is called significant: run both sides with `-f "
                + Significance.MIN_FORKS + "` or more (the `compare` profile does) to test changes. Latency percentile "
                + "rows use each fork's percentile over all its sampled round trips. A regression is a significant change "
                + "whose whole 95 % interval lies beyond " + Fmt.num(threshold * 100) + " % in the bad direction (time per "
                + "operation up, throughput down): the data rule out a change within the threshold. Any makes the exit "
                + "status 1. A significant change whose interval reaches back inside the threshold is shown as \"changed, "
                + "not clearly beyond\" and fails nothing: two runs of one build on one machine differ by that much.");
        return doc;
    }

    private void summary(Doc doc) {
        List<RowDiff> regressions = diff.with(RowDiff.Outcome.REGRESSION, threshold);
        List<RowDiff> improvements = diff.with(RowDiff.Outcome.IMPROVEMENT, threshold);
        long significant = diff.rows().stream().filter(RowDiff::significant).count();
        doc.para(diff.rows().size() + " results compared; " + significant + " changed significantly (p < " + Significance.ALPHA
                + "); **" + regressions.size() + " regression" + (regressions.size() == 1 ? "" : "s") + "** and "
                + improvements.size() + " improvement" + (improvements.size() == 1 ? "" : "s") + " clearly beyond "
                + Fmt.num(threshold * 100) + " % (the whole 95 % interval). Only in base: " + diff.onlyInBase().size() + "; only in new: " + diff.onlyInNew().size() + ".");
        doc.para("Geometric mean of new / base: time per operation " + Fmt.ratio(diff.geomean(r -> true, RowDiff::timeRatio))
                + " over all " + diff.rows().size() + " results; latency " + Fmt.ratio(diff.geomean(r -> r.base().isLatency(), RowDiff::ratio))
                + ", throughput " + Fmt.ratio(diff.geomean(r -> r.base().higherIsBetter(), RowDiff::ratio)) + ".");
        for (RowDiff r : regressions) {
            doc.para("**Regression**: " + label(r.base()) + ": " + Fmt.change(r.ratio()) + " (p = " + Fmt.p(r.p()) + ")");
        }
    }

    private void results(Doc doc, List<String> labels) {
        var table = doc.table("result", "base", "new", "change [95 % CI]", "p", "forks", "verdict").numeric(1, 2, 3, 5);
        for (int i = 0; i < diff.rows().size(); i++) {
            RowDiff r = diff.rows().get(i);
            RowDiff.Outcome outcome = r.outcome(threshold);
            table.row(labels.get(i), centre(r.base().primary()), centre(r.changed().primary()),
                    Fmt.change(r.ratio()) + interval(r.interval()), p(r.p()),
                    r.base().primary().forks().size() + "+" + r.changed().primary().forks().size(),
                    new Doc.Cell(verdict(outcome), mark(outcome)));
        }
        table.done();
    }

    private void percentiles(Doc doc) {
        List<RowDiff> sampled = diff.rows().stream().filter(r -> !r.percentiles().isEmpty()).toList();
        if (sampled.isEmpty()) {
            return;
        }
        doc.heading(3, "Latency percentiles");
        var table = doc.table("result", "p50 base", "p50 new", "p50 change", "p", "p99 base", "p99 new", "p99 change", "p")
                .numeric(1, 2, 3, 5, 6, 7);
        for (RowDiff r : sampled) {
            List<Object> cells = new ArrayList<>(List.of(label(r.base())));
            for (RowDiff.Change c : r.percentiles()) {
                cells.addAll(List.of(Fmt.time(c.base()), Fmt.time(c.changed()), changeCell(c, r.base().higherIsBetter()), p(c.p())));
            }
            table.row(cells.toArray());
        }
        table.done();
    }

    private void costs(Doc doc) {
        List<RowDiff> withCosts = diff.rows().stream().filter(r -> !r.costs().isEmpty()).toList();
        if (withCosts.isEmpty()) {
            return;
        }
        doc.heading(3, "Operating-system costs per operation");
        var table = doc.table("result", "metric", "base", "new", "change", "p").numeric(2, 3, 4);
        for (RowDiff r : withCosts) {
            for (RowDiff.Change c : r.costs()) {
                table.row(label(r.base()), c.name().substring("os.".length()), value(c.base(), c.unit()),
                        value(c.changed(), c.unit()), changeCell(c, false), p(c.p()));
            }
        }
        table.done();
    }

    private void onlyInOne(Doc doc) {
        only(doc, "base", diff.onlyInBase());
        only(doc, "new", diff.onlyInNew());
    }

    private void only(Doc doc, String side, List<JmhResult> results) {
        if (!results.isEmpty()) {
            doc.heading(3, "Only in " + side + " (" + results.size() + ")");
            doc.para(String.join("; ", results.stream().map(this::label).toList()));
        }
    }

    String label(JmhResult r) {
        String params = names.label(r);
        return r.module() + " " + r.shortName() + (params.isEmpty() ? "" : " " + params);
    }

    private static String centre(Metric m) {
        return Fmt.value(m.score(), m.unit()) + (Double.isFinite(m.error()) ? " ± " + Fmt.value(m.error(), m.unit()) : "");
    }

    private static String interval(double[] interval) {
        return Double.isFinite(interval[0]) ? " [" + Fmt.change(interval[0]) + ", " + Fmt.change(interval[1]) + "]" : "";
    }

    private static String p(double p) {
        if (Double.isNaN(p)) {
            return "~ (< " + Significance.MIN_FORKS + " forks)";
        }
        return Significance.significant(p) ? "p=" + Fmt.p(p) : "~ (p=" + Fmt.p(p) + ")";
    }

    /** A secondary change, marked when significant: red when worse (costs and latencies up), green when better. */
    private static Doc.Cell changeCell(RowDiff.Change c, boolean higherIsBetter) {
        if (!Significance.significant(c.p()) || !Double.isFinite(c.ratio())) {
            return Doc.Cell.of(Fmt.change(c.ratio()));
        }
        boolean worse = higherIsBetter ? c.ratio() < 1 : c.ratio() > 1;
        return new Doc.Cell(Fmt.change(c.ratio()), worse ? Doc.Mark.BAD : Doc.Mark.GOOD);
    }

    private static String value(double v, String unit) {
        return unit.equals(Units.NS_PER_OP) ? Fmt.time(v) : Fmt.num(v);
    }

    private String verdict(RowDiff.Outcome outcome) {
        return switch (outcome) {
            case REGRESSION -> "regression";
            case IMPROVEMENT -> "improvement";
            case NOT_CLEARLY_BEYOND_THRESHOLD -> "changed, not clearly beyond " + Fmt.num(threshold * 100) + " %";
            case NOT_SIGNIFICANT -> "~";
        };
    }

    private static Doc.Mark mark(RowDiff.Outcome outcome) {
        return switch (outcome) {
            case REGRESSION -> Doc.Mark.BAD;
            case IMPROVEMENT -> Doc.Mark.GOOD;
            default -> Doc.Mark.PLAIN;
        };
    }
}
