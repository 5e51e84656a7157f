package io.ipcbench.cli.diff;

import io.ipcbench.cli.doc.Doc;
import io.ipcbench.cli.flame.Collapsed;
import io.ipcbench.cli.flame.DiffFlameGraph;
import io.ipcbench.cli.flame.FlameTrials;
import io.ipcbench.cli.flame.OpsEstimate;
import io.ipcbench.cli.results.Fmt;
import io.ipcbench.cli.results.JmhResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Where the time per operation moved between two flame runs: for each benchmark × params and
 * process profiled in both, every frame's samples divided by the operations the profile covered
 * ({@link OpsEstimate}), then the frames whose samples per operation changed most, and a
 * differential flame graph ({@link DiffFlameGraph}) in the HTML.
 */
final class FlameDiff {
    private static final int TOP = 12;
    private static final double PER = 1e6;

    private FlameDiff() {
    }

    static Doc of(RunDiff diff, Function<JmhResult, String> label) {
        Doc doc = new Doc("Flame graphs").heading(2, "Flame graphs, per operation");
        boolean inBase = FlameTrials.hasFlameGraphs(diff.base());
        boolean inNew = FlameTrials.hasFlameGraphs(diff.changed());
        if (!inBase || !inNew) {
            return doc.para(!inBase && !inNew ? "Neither run has flame graphs (make flame runs with -Dipcbench.profile=flame "
                    + "or -Dipcbench.flame=cpu to get a differential view)."
                    : "Only the " + (inBase ? "base" : "new") + " run has flame graphs: nothing to set them against.");
        }
        doc.para("Samples of each frame (inclusive: the frame or anything it called) per million operations, in each run; "
                + "operations estimated from JMH's rates and iteration lengths (the peer's profile includes its warm-up "
                + "iterations). Frames ranked by the change of samples per operation, so that a run that merely ran more "
                + "operations does not look slower. Red grew, blue shrank.");
        Set<String> skipped = new HashSet<>();
        int compared = 0;
        for (RowDiff row : diff.rows()) {
            for (boolean peer : new boolean[] {false, true}) {
                Optional<FlameTrials.FlameFile> a = FlameTrials.find(diff.base(), row.base(), peer);
                Optional<FlameTrials.FlameFile> b = FlameTrials.find(diff.changed(), row.changed(), peer);
                if (a.isEmpty() || b.isEmpty()) {
                    continue;
                }
                if (!a.get().event().equals(b.get().event())) {
                    skipped.add("events differ (" + a.get().event() + " vs " + b.get().event() + ")");
                    continue;
                }
                double opsA = peer ? OpsEstimate.wholeTrial(row.base()) : OpsEstimate.measured(row.base());
                double opsB = peer ? OpsEstimate.wholeTrial(row.changed()) : OpsEstimate.measured(row.changed());
                if (!(opsA > 0) || !(opsB > 0)) {
                    skipped.add("operations unknown for " + label.apply(row.base()));
                    continue;
                }
                compared++;
                trial(doc, label.apply(row.base()) + ", " + a.get().process() + " (" + a.get().event() + ")",
                        Collapsed.read(a.get().file()), opsA, Collapsed.read(b.get().file()), opsB);
            }
        }
        if (compared == 0) {
            doc.para("No benchmark × params has a profile of the same process in both runs.");
        }
        skipped.forEach(s -> doc.para("Skipped: " + s + "."));
        return doc;
    }

    private static void trial(Doc doc, String title, Collapsed base, double opsA, Collapsed changed, double opsB) {
        doc.heading(3, title);
        doc.para("Samples: " + base.total() + " over ≈ " + Fmt.num(opsA) + " operations (base), " + changed.total()
                + " over ≈ " + Fmt.num(opsB) + " (new): " + Fmt.num(base.total() / opsA * PER) + " → "
                + Fmt.num(changed.total() / opsB * PER) + " samples per million operations.");
        Map<String, Long> a = base.inclusive();
        Map<String, Long> b = changed.inclusive();
        Set<String> frames = new HashSet<>(a.keySet());
        frames.addAll(b.keySet());
        List<String> ranked = new ArrayList<>(frames);
        ranked.sort(Comparator.comparingDouble((String f) -> -Math.abs(perOp(b, f, opsB) - perOp(a, f, opsA))).thenComparing(f -> f));
        var table = doc.table("frame", "base /Mop", "new /Mop", "change /Mop", "base share", "new share").numeric(1, 2, 3, 4, 5);
        for (String frame : ranked.subList(0, Math.min(TOP, ranked.size()))) {
            double delta = perOp(b, frame, opsB) - perOp(a, frame, opsA);
            table.row("`" + frame + "`", Fmt.num(perOp(a, frame, opsA)), Fmt.num(perOp(b, frame, opsB)),
                    new Doc.Cell((delta > 0 ? "+" : "") + Fmt.num(delta), delta > 0 ? Doc.Mark.BAD : delta < 0 ? Doc.Mark.GOOD : Doc.Mark.PLAIN),
                    share(a, frame, base.total()), share(b, frame, changed.total()));
        }
        table.done();
        doc.html(DiffFlameGraph.html(base, PER / opsA, changed, PER / opsB), "");
    }

    private static double perOp(Map<String, Long> inclusive, String frame, double ops) {
        return inclusive.getOrDefault(frame, 0L) / ops * PER;
    }

    private static String share(Map<String, Long> inclusive, String frame, long total) {
        return total == 0 ? "n/a" : Fmt.num(100.0 * inclusive.getOrDefault(frame, 0L) / total) + " %";
    }
}
