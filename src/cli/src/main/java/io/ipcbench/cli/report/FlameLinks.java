package io.ipcbench.cli.report;

import io.ipcbench.cli.flame.FlameTrials;
import io.ipcbench.cli.results.JmhResult;
import io.ipcbench.cli.results.Run;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A profiled result's flame graphs in a table cell: links to the benchmark JVM's and the peer's
 * graphs, relative to the run folder that holds report.md and report.html. A graph whose file is
 * empty (its process's dump failed) is named as such, not linked; a process without a graph says so.
 */
final class FlameLinks {
    private FlameLinks() {
    }

    /** "benchmark JVM: [cpu-forward](flame/…) [cpu-reverse](flame/…); peer: …" */
    static String cell(Run run, JmhResult result) {
        List<FlameTrials.FlameFile> graphs = FlameTrials.graphs(run, result);
        List<String> sides = new ArrayList<>();
        for (String process : List.of("benchmark JVM", "peer")) {
            List<String> links = graphs.stream().filter(g -> g.process().equals(process)).map(g -> link(run, g)).toList();
            sides.add(process + ": " + (links.isEmpty() ? "none" : String.join(" ", links)));
        }
        return String.join("; ", sides);
    }

    /** The graph files of the run that are empty: a dump that failed. */
    static List<Path> empty(Run run) {
        return run.results().stream().flatMap(r -> FlameTrials.graphs(run, r).stream()).map(FlameTrials.FlameFile::file)
                .filter(FlameTrials::isEmpty).distinct().toList();
    }

    private static String link(Run run, FlameTrials.FlameFile graph) {
        return FlameTrials.isEmpty(graph.file()) ? graph.event() + " (empty file: the dump failed)"
                : "[" + graph.event() + "](" + FlameTrials.href(run.dir(), graph.file()) + ")";
    }
}
