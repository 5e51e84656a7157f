package io.ipcbench.cli.diff;

import io.ipcbench.cli.doc.Doc;
import io.ipcbench.cli.flame.Collapsed;
import io.ipcbench.cli.flame.DiffFlameGraph;
import io.ipcbench.cli.flame.FlameTrials;
import io.ipcbench.cli.flame.OpsEstimate;
import io.ipcbench.cli.results.Fmt;
import io.ipcbench.cli.results.JmhResult;
import io.ipcbench.cli.results.Run;
import io.ipcbench.cli.usage.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Where the time per operation moved between the flame runs of two sides (one run a side, or several
 * pooled: their samples and their operations added up): for each benchmark × params and process
 * profiled on both sides, every frame's samples divided by the operations the profiles covered
 * ({@link OpsEstimate}), the frames whose samples per operation changed most, a differential flame
 * graph ({@link DiffFlameGraph}) written beside the page, and links to each run's own flame graphs.
 */
final class FlameDiff {
    private static final int TOP = 12;
    private static final double PER_MILLION = 1e6;

    /** One process's profile of one benchmark × params over the runs of a side, and those runs' own graphs of it. */
    private record Profile(String process, String event, Collapsed stacks, double ops, List<FlameTrials.FlameFile> graphs) {
    }

    private final List<Run> base;
    private final List<Run> changed;
    private final Path page;
    private final Set<String> skipped = new LinkedHashSet<>();

    private FlameDiff(List<Run> base, List<Run> changed, Path page) {
        this.base = base;
        this.changed = changed;
        this.page = page;
    }

    /**
     * The section, for {@code rows} (results of the base side, matched on the other runs by their
     * key); the differential graphs are written into a folder named after {@code page}, the HTML
     * page the section's links are relative to.
     */
    static Doc of(List<Run> base, List<Run> changed, List<JmhResult> rows, Function<JmhResult, String> label, Path page) {
        return new FlameDiff(base, changed, page).build(rows, label);
    }

    /** The folder of a page's differential flame graphs: {@code diff-x.html} → {@code diff-x-flame/}. */
    static Path graphsFolder(Path page) {
        String name = page.getFileName().toString();
        return page.resolveSibling((name.endsWith(".html") ? name.substring(0, name.length() - ".html".length()) : name) + "-flame");
    }

    private Doc build(List<JmhResult> rows, Function<JmhResult, String> label) {
        Doc doc = new Doc("Flame graphs").heading(2, "Flame graphs, per operation");
        boolean inBase = base.stream().allMatch(FlameTrials::hasFlameGraphs);
        boolean inNew = changed.stream().allMatch(FlameTrials::hasFlameGraphs);
        if (!inBase || !inNew) {
            return doc.para(!inBase && !inNew ? "Neither side has flame graphs in every run (make flame runs with "
                    + "-Dipcbench.profile=flame or -Dipcbench.flame=cpu to get a differential view)."
                    : "Only the " + (inBase ? "base" : "new") + " side has flame graphs in every run: nothing to set them against.");
        }
        doc.para("Samples of each frame (inclusive: the frame or anything it called) per million operations, on each side"
                + (base.size() + changed.size() > 2 ? " (the samples and the operations of the side's runs added up)" : "")
                + "; operations estimated from JMH's rates and iteration lengths (the peer's profile includes its warm-up "
                + "iterations). Frames ranked by the change of samples per operation, so that a run that merely ran more "
                + "operations does not look slower. Red grew, blue shrank. Each differential flame graph (async-profiler's "
                + "converter) draws the new side's stacks in samples per billion operations, coloured by the change of each "
                + "frame's own samples per operation: red more, blue fewer, yellow new; a frame that vanished is not drawn "
                + "(the table shows it). Click to zoom, Ctrl+F to search.");
        int compared = 0;
        for (JmhResult row : rows) {
            for (boolean peer : new boolean[] {false, true}) {
                Optional<Profile> a = pooled(base, row, peer, label);
                Optional<Profile> b = pooled(changed, row, peer, label);
                if (a.isEmpty() || b.isEmpty()) {
                    continue;
                }
                if (!a.get().event().equals(b.get().event())) {
                    skipped.add("events differ (" + a.get().event() + " vs " + b.get().event() + ")");
                    continue;
                }
                compared++;
                trial(doc, label.apply(row) + ", " + a.get().process() + " (" + a.get().event() + ")", a.get(), b.get());
            }
        }
        if (compared == 0) {
            doc.para("No benchmark × params has a profile of the same process in every run of both sides.");
        }
        skipped.forEach(s -> doc.para("Skipped: " + s + "."));
        return doc;
    }

    /** The side's profile of {@code row}'s process: empty when a run of the side lacks it, or it cannot be used (noted). */
    private Optional<Profile> pooled(List<Run> side, JmhResult row, boolean peer, Function<JmhResult, String> label) {
        List<Collapsed> stacks = new ArrayList<>();
        List<FlameTrials.FlameFile> graphs = new ArrayList<>();
        Set<String> events = new HashSet<>();
        double ops = 0;
        String process = null;
        for (Run run : side) {
            Optional<JmhResult> result = run.results().stream().filter(r -> r.key().equals(row.key())).findFirst();
            Optional<FlameTrials.FlameFile> file = result.flatMap(r -> FlameTrials.find(run, r, peer));
            if (file.isEmpty()) {
                return Optional.empty();
            }
            if (FlameTrials.isEmpty(file.get().file())) {
                skipped.add("`" + file.get().file() + "` is empty (its process's flame dump failed)");
                return Optional.empty();
            }
            double n = peer ? OpsEstimate.wholeTrial(result.get()) : OpsEstimate.measured(result.get());
            if (!(n > 0)) {
                skipped.add("operations unknown for " + label.apply(row));
                return Optional.empty();
            }
            ops += n;
            process = file.get().process();
            events.add(file.get().event());
            stacks.add(Collapsed.read(file.get().file()));
            String shown = process;
            FlameTrials.graphs(run, result.get()).stream().filter(g -> g.process().equals(shown)).forEach(graphs::add);
        }
        if (events.size() > 1) {
            skipped.add("events differ within a side for " + label.apply(row) + " (" + String.join(", ", events) + ")");
            return Optional.empty();
        }
        return Optional.of(new Profile(process, events.iterator().next(), Collapsed.sum(stacks), ops, graphs));
    }

    private void trial(Doc doc, String title, Profile base, Profile changed) {
        doc.heading(3, title);
        doc.para("Samples: " + base.stacks().total() + " over ≈ " + Fmt.num(base.ops()) + " operations (base), "
                + changed.stacks().total() + " over ≈ " + Fmt.num(changed.ops()) + " (new): "
                + Fmt.num(base.stacks().total() / base.ops() * PER_MILLION) + " → "
                + Fmt.num(changed.stacks().total() / changed.ops() * PER_MILLION) + " samples per million operations.");
        Map<String, Long> a = base.stacks().inclusive();
        Map<String, Long> b = changed.stacks().inclusive();
        Set<String> frames = new HashSet<>(a.keySet());
        frames.addAll(b.keySet());
        List<String> ranked = new ArrayList<>(frames);
        ranked.sort(Comparator.comparingDouble((String f) -> -Math.abs(perOp(b, f, changed.ops()) - perOp(a, f, base.ops())))
                .thenComparing(f -> f));
        var table = doc.table("frame", "base /Mop", "new /Mop", "change /Mop", "base share", "new share").numeric(1, 2, 3, 4, 5);
        for (String frame : ranked.subList(0, Math.min(TOP, ranked.size()))) {
            double delta = perOp(b, frame, changed.ops()) - perOp(a, frame, base.ops());
            table.row("`" + frame + "`", Fmt.num(perOp(a, frame, base.ops())), Fmt.num(perOp(b, frame, changed.ops())),
                    new Doc.Cell((delta > 0 ? "+" : "") + Fmt.num(delta), delta > 0 ? Doc.Mark.BAD : delta < 0 ? Doc.Mark.GOOD : Doc.Mark.PLAIN),
                    share(a, frame, base.stacks().total()), share(b, frame, changed.stacks().total()));
        }
        table.done();
        Path graph = write(title, DiffFlameGraph.html(title + ": new against base, samples per billion operations",
                base.stacks(), base.ops(), changed.stacks(), changed.ops()));
        doc.para("[Differential flame graph](" + href(graph) + "); each run's own graphs: base " + links(base.graphs())
                + "; new " + links(changed.graphs()) + ".");
    }

    private Path write(String title, String html) {
        Path file = graphsFolder(page).resolve(title.replaceAll("[^A-Za-z0-9._=-]+", "-").replaceAll("^-|-$", "") + ".html");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, html);
        } catch (IOException e) {
            throw new CliException(file + ": cannot write the differential flame graph (" + e.getMessage() + ")");
        }
        return file;
    }

    private String links(List<FlameTrials.FlameFile> graphs) {
        List<String> links = graphs.stream().map(g -> FlameTrials.isEmpty(g.file()) ? g.event() + " (empty file: the dump failed)"
                : "[" + g.event() + "](" + href(g.file()) + ")").toList();
        return links.isEmpty() ? "none" : String.join(" ", links);
    }

    private String href(Path file) {
        return FlameTrials.href(page.toAbsolutePath().getParent(), file);
    }

    private static double perOp(Map<String, Long> inclusive, String frame, double ops) {
        return inclusive.getOrDefault(frame, 0L) / ops * PER_MILLION;
    }

    private static String share(Map<String, Long> inclusive, String frame, long total) {
        return total == 0 ? "n/a" : Fmt.num(100.0 * inclusive.getOrDefault(frame, 0L) / total) + " %";
    }
}
