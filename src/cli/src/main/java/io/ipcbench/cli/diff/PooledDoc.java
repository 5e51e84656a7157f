package io.ipcbench.cli.diff;

import io.ipcbench.cli.doc.Doc;
import io.ipcbench.cli.report.ParamNames;
import io.ipcbench.cli.results.Fmt;
import io.ipcbench.cli.results.JmhResult;
import io.ipcbench.cli.results.Run;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The document of a pooled {@code diff}: the runs of each side, the method, each row's verdict over all pairings, flame graphs. */
final class PooledDoc {
    private PooledDoc() {
    }

    /** The document, whose HTML version is {@code page}: the differential flame graphs are written beside it. */
    static Doc of(PooledDiff diff, double threshold, Path page) {
        ParamNames names = new ParamNames(diff.rows().stream().map(PooledDiff.Row::result).toList());
        Doc doc = new Doc("ipcbench pooled diff: " + diff.base().size() + " base runs → " + diff.changed().size() + " new runs");
        doc.para("Base runs: " + runs(diff.base()) + ". New runs: " + runs(diff.changed()) + ".");
        for (Run run : Stream.concat(diff.base().stream(), diff.changed().stream()).distinct().toList()) {
            run.interruptedNote().ifPresent(note -> doc.para("**Interrupted run** " + run.id() + ": " + note + "."));
        }
        List<PooledDiff.Row> regressions = diff.with(RowDiff.Outcome.REGRESSION, threshold);
        List<PooledDiff.Row> improvements = diff.with(RowDiff.Outcome.IMPROVEMENT, threshold);
        doc.para(diff.rows().size() + " results in every run, " + diff.pairings().size() + " pairings of runs; **"
                + regressions.size() + " regression" + (regressions.size() == 1 ? "" : "s") + "** and " + improvements.size()
                + " improvement" + (improvements.size() == 1 ? "" : "s") + " beyond " + Fmt.num(threshold * 100)
                + " % in every pairing. Missing from some runs: " + diff.missing().size() + ".");
        for (PooledDiff.Row r : regressions) {
            doc.para("**Regression**: " + label(names, r.result()) + ": pooled " + Fmt.change(r.pooledTimeRatio())
                    + " in time per operation (pairings " + range(r) + ")");
        }
        doc.heading(2, "Changes");
        Doc.TableBuilder table = doc.table("result", "figure", "pooled change (time/op)", "pairwise changes",
                "pairings regressed", "pairings improved", "verdict").numeric(2, 3, 4, 5);
        for (PooledDiff.Row r : diff.rows()) {
            RowDiff.Outcome outcome = r.outcome(threshold);
            table.row(label(names, r.result()), r.pairs().getFirst().headline().name(), Fmt.change(r.pooledTimeRatio()), range(r),
                    r.pairingsWith(RowDiff.Outcome.REGRESSION, threshold) + "/" + r.pairs().size(),
                    r.pairingsWith(RowDiff.Outcome.IMPROVEMENT, threshold) + "/" + r.pairs().size(),
                    new Doc.Cell(verdict(outcome), outcome == RowDiff.Outcome.REGRESSION ? Doc.Mark.BAD
                            : outcome == RowDiff.Outcome.IMPROVEMENT ? Doc.Mark.GOOD : Doc.Mark.PLAIN));
        }
        table.done();
        if (!diff.missing().isEmpty()) {
            doc.heading(2, "Missing from some runs");
            diff.missing().forEach((key, runs) -> doc.para(key + ": not in " + String.join(", ", runs)));
        }
        doc.add(FlameDiff.of(diff.base(), diff.changed(), diff.rows().stream().map(PooledDiff.Row::result).toList(),
                r -> label(names, r), page));
        doc.heading(2, "Method");
        doc.para("Every base run is compared with every new run exactly as `diff BASE NEW` compares two runs (each deciding "
                + "figure tested over the forks: the p50 and p99 of a round trip, the score otherwise; a regression is a "
                + "significant change whose whole 95 % interval lies beyond " + Fmt.num(threshold * 100) + " %). The run is "
                + "a level: a row counts as a regression (or an improvement) only when it is one in every pairing, since drift "
                + "between runs of one build on one machine moves a row beyond the threshold in one pairing and not in the "
                + "next. The pooled change is the new side's centre over all forks of all its runs (the median of the forks' "
                + "p50 for a round trip, the mean of the forks' means otherwise) over the base side's, as time per operation; "
                + "the pairwise changes are the smallest and largest headline change over the pairings. A regression makes "
                + "the exit status 1.");
        return doc;
    }

    private static String runs(List<Run> side) {
        return String.join(", ", side.stream().map(r -> r.id() + " (" + r.dir() + ")").toList());
    }

    private static String label(ParamNames names, JmhResult r) {
        String params = names.label(r);
        return r.module() + " " + r.shortName() + (params.isEmpty() ? "" : " " + params);
    }

    private static String range(PooledDiff.Row r) {
        double[] range = r.timeRatioRange();
        return Fmt.change(range[0]) + " to " + Fmt.change(range[1]);
    }

    private static String verdict(RowDiff.Outcome outcome) {
        return switch (outcome) {
            case REGRESSION -> "regression in every pairing";
            case IMPROVEMENT -> "improvement in every pairing";
            case NOT_CLEARLY_BEYOND_THRESHOLD -> "not in every pairing";
            case NOT_SIGNIFICANT -> "~";
        };
    }
}
