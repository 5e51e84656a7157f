package io.ipcbench.cli.flame;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import one.convert.Arguments;
import one.convert.FlameGraph;

/**
 * A differential flame graph, drawn by async-profiler's own converter ({@code tools.profiler:jfr-converter}):
 * the new profile's stacks, each frame as wide as its samples per {@link #PER} operations, red where
 * the frame's own samples per operation grew since the base profile, blue where they shrank, yellow
 * where the frame is new; zoom, search and each frame's figures as in every async-profiler graph.
 * Both profiles are normalised per operation before the converter subtracts them: its own
 * {@code --diff} subtracts raw sample counts, which would show a run that merely ran longer, or
 * more operations per second, as costlier everywhere.
 */
public final class DiffFlameGraph {
    /**
     * The graph's unit, samples per billion operations: the converter counts in whole numbers, and a
     * frame sampled once in a run of a hundred million operations must not round to nothing.
     */
    public static final double PER = 1e9;

    private DiffFlameGraph() {
    }

    /** The page, an HTML document of its own, of {@code changed} (over {@code changedOps} operations) against {@code base}. */
    public static String html(String title, Collapsed base, double baseOps, Collapsed changed, double changedOps) {
        Arguments args = new Arguments("--diff", "--title", title);
        FlameGraph after = parse(args, changed, changedOps);
        after.diff(parse(args, base, baseOps));
        ByteArrayOutputStream page = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(page, false, StandardCharsets.UTF_8)) {
            after.dump(out);
        }
        return page.toString(StandardCharsets.UTF_8);
    }

    private static FlameGraph parse(Arguments args, Collapsed profile, double ops) {
        FlameGraph graph = new FlameGraph(args);
        try {
            graph.parseCollapsed(new StringReader(profile.scaled(PER / ops)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }
}
