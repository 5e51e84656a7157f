package io.ipcbench.cli.diff;

import io.ipcbench.cli.doc.Doc;
import io.ipcbench.cli.report.ParamNames;
import io.ipcbench.cli.results.Fmt;
import io.ipcbench.cli.results.JmhResult;
import io.ipcbench.cli.results.Metric;
import io.ipcbench.cli.results.Run;
import io.ipcbench.cli.results.Significance;
import io.ipcbench.cli.results.Units;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The document of {@code diff}: summary, environments, every deciding figure's change, the means, the floors, OS costs, flame graphs. */
final class DiffDoc {
    private final RunDiff diff;
    private final double threshold;
    private final ParamNames names;
    private final Path page;

    private DiffDoc(RunDiff diff, double threshold, Path page) {
        this.diff = diff;
        this.threshold = threshold;
        this.page = page;
        this.names = new ParamNames(Stream.concat(diff.base().results().stream(), diff.changed().results().stream()).toList());
    }

    /** The document, whose HTML version is {@code page}: the differential flame graphs are written beside it. */
    static Doc of(RunDiff diff, double threshold, Path page) {
        return new DiffDoc(diff, threshold, page).build();
    }

    private Doc build() {
        Doc doc = new Doc("ipcbench diff: " + diff.base().id() + " → " + diff.changed().id());
        for (Run run : List.of(diff.base(), diff.changed())) {
            run.interruptedNote().ifPresent(note -> doc.para("**Interrupted run** " + run.id() + ": " + note + "."));
        }
        summary(doc);
        doc.add(EnvironmentDiff.of(diff.base(), diff.changed()));
        doc.heading(2, "Changes");
        List<RowDiff.Figure> plotted = diff.rows().stream().flatMap(r -> r.deciding().stream()).toList();
        List<String> plotLabels = diff.rows().stream().flatMap(r -> r.deciding().stream().map(f -> figureLabel(r, f))).toList();
        doc.html(RatioPlot.svg(plotted, plotLabels, threshold),
                "(The HTML version plots every deciding figure's ratio with its interval.)");
        results(doc);
        means(doc);
        doc.add(FloorDiff.of(diff, threshold, this::label));
        costs(doc);
        onlyInOne(doc);
        doc.add(FlameDiff.of(List.of(diff.base()), List.of(diff.changed()), diff.rows().stream().map(RowDiff::base).toList(),
                this::label, page));
        doc.heading(2, "How to read this");
        doc.para("Each figure of a result is compared over the JMH forks, one sample per fork: a fork is a fresh benchmark "
                + "JVM and a fresh peer, what a run repeats independently, while iterations inside one fork share the JIT's "
                + "decisions, the memory placement and the host's state, and two runs of one build differ by more than their "
                + "iterations scatter. A round trip (SampleTime) is decided by its p50, the typical cost, and its p99, the "
                + "tail, each tested on its own over the forks' own percentiles (of every round trip a fork sampled); its mean "
                + "is shown apart and decides nothing, since a few multi-millisecond stalls among tens of thousands of short "
                + "round trips make most of it. Throughput and AverageTime results are decided by their score, tested over "
                + "the forks' means. Base and new are JMH's figures over all forks (a score with JMH's 99.9 % interval). The "
                + "change is new / base with a 95 % interval (Welch's t on the log ratio of the forks' values). p is the exact "
                + "two-sided Mann-Whitney U test (commons-statistics) over the forks' values; `~` marks p ≥ "
                + Significance.ALPHA + ": no significant change, as benchstat marks it. The smallest p the test can give is "
                + "0.1 with 3 forks a side, 0.029 with 4 and 0.0079 with 5, so with fewer than " + Significance.MIN_FORKS
                + " forks a side no p is computed and nothing is called significant: run both sides with `-f "
                + Significance.MIN_FORKS + "` or more (the `compare` profile does) to test changes. A regression is a "
                + "significant change whose whole 95 % interval lies beyond " + Fmt.num(threshold * 100) + " % in the bad "
                + "direction (time per operation up, throughput down): the data rule out a change within the threshold. A "
                + "regression of any deciding figure (p50, p99 or a score) makes the exit status 1. A significant change "
                + "whose interval reaches back inside the threshold is shown as \"changed, not clearly beyond\" and fails "
                + "nothing: two runs of one build on one machine differ by that much.");
        return doc;
    }

    private void summary(Doc doc) {
        List<RowDiff> regressions = diff.with(RowDiff.Outcome.REGRESSION, threshold);
        List<RowDiff> improvements = diff.with(RowDiff.Outcome.IMPROVEMENT, threshold);
        long significant = diff.rows().stream().filter(RowDiff::significant).count();
        doc.para(diff.rows().size() + " results compared; " + significant + " changed significantly (p < " + Significance.ALPHA
                + " in a deciding figure: p50 or p99 of a round trip, the score otherwise); **" + regressions.size()
                + " regression" + (regressions.size() == 1 ? "" : "s") + "** and " + improvements.size() + " improvement"
                + (improvements.size() == 1 ? "" : "s") + " clearly beyond " + Fmt.num(threshold * 100)
                + " % (the whole 95 % interval). Only in base: " + diff.onlyInBase().size() + "; only in new: "
                + diff.onlyInNew().size() + ".");
        doc.para("Geometric mean of new / base (p50 for round trips): time per operation "
                + Fmt.ratio(diff.geomean(r -> true, RowDiff::timeRatio)) + " over all " + diff.rows().size()
                + " results; latency " + Fmt.ratio(diff.geomean(r -> r.base().isLatency(), RowDiff::ratio)) + ", throughput "
                + Fmt.ratio(diff.geomean(r -> r.base().higherIsBetter(), RowDiff::ratio)) + ".");
        for (RowDiff r : regressions) {
            for (RowDiff.Figure f : r.deciding()) {
                if (f.outcome(threshold) == RowDiff.Outcome.REGRESSION) {
                    doc.para("**Regression**: " + figureLabel(r, f) + ": " + Fmt.change(f.ratio()) + interval(f.interval())
                            + " (p = " + Fmt.p(f.p()) + ")");
                }
            }
        }
    }

    private void results(Doc doc) {
        var table = doc.table("result", "figure", "base", "new", "change [95 % CI]", "p", "forks", "verdict").numeric(2, 3, 4, 6);
        for (RowDiff r : diff.rows()) {
            for (RowDiff.Figure f : r.deciding()) {
                RowDiff.Outcome outcome = f.outcome(threshold);
                table.row(label(r.base()), f.name(), figure(f, f.base(), r.base().primary()),
                        figure(f, f.changed(), r.changed().primary()), Fmt.change(f.ratio()) + interval(f.interval()), p(f.p()),
                        forks(r), new Doc.Cell(verdict(outcome), mark(outcome)));
            }
        }
        table.done();
    }

    private void means(Doc doc) {
        var table = doc.table("result", "mean base", "mean new", "change [95 % CI]", "p", "p50 base → new").numeric(1, 2, 3);
        for (RowDiff r : diff.rows()) {
            for (RowDiff.Figure f : r.shownOnly()) {
                table.row(label(r.base()), centre(r.base().primary()), centre(r.changed().primary()),
                        Fmt.change(f.ratio()) + interval(f.interval()), p(f.p()),
                        Fmt.time(r.headline().base()) + " → " + Fmt.time(r.headline().changed()));
            }
        }
        if (!table.isEmpty()) {
            doc.heading(3, "Round-trip means (shown, never tested for the gate)");
            doc.para("A round trip's mean adds every stall of the run (a descheduled thread, a timer interrupt, a page fault) "
                    + "to its typical cost: a few samples of milliseconds among tens of thousands of microseconds or less can "
                    + "double it. It is shown with the p50 beside it and decides nothing.");
            table.done();
        }
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

    private String figureLabel(RowDiff r, RowDiff.Figure f) {
        return label(r.base()) + (f.name().equals("score") ? "" : " " + f.name());
    }

    /** The score with JMH's 99.9 % interval; a percentile as it is. */
    private static String figure(RowDiff.Figure f, double value, Metric m) {
        return f.name().equals("score") ? centre(m) : Fmt.value(value, f.unit());
    }

    private static String forks(RowDiff r) {
        return r.base().primary().forks().size() + "+" + r.changed().primary().forks().size();
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
