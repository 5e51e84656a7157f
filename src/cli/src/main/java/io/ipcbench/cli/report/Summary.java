package io.ipcbench.cli.report;

import io.ipcbench.cli.doc.Doc;
import io.ipcbench.cli.flame.FlameTrials;
import io.ipcbench.cli.lessons.Lessons;
import io.ipcbench.cli.results.MachineLoad;
import io.ipcbench.cli.results.Run;
import io.ipcbench.cli.results.RunInfo;
import java.nio.file.Path;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Map;

/**
 * The first screen of a report: the machine, how the run was made, and its health, that is what
 * decides how far its numbers can be trusted (other work and hypervisor steal during the run,
 * CPUs shared with another run or with every other thread, modules without results, results whose
 * forks ran in two modes), with links to the sections that hold the details.
 */
final class Summary {
    private Summary() {
    }

    static Doc of(Run run) {
        Doc doc = new Doc("Summary").heading(2, "Summary");
        Map<String, String> env = run.info().environment();
        var table = doc.table("", "this run");
        table.row("machine", env.get("CPU") + ", " + env.get("logical CPUs") + " logical CPUs (allowed: " + env.get("CPUs allowed")
                + ", SMT active: " + env.get("SMT active") + "), kernel " + env.get("kernel release") + ", JDK " + env.get("JDK"));
        table.row("run", "profile " + env.get("profile") + ", " + forks(run) + ", " + run.results().size() + " results in "
                + run.modules().size() + " modules, " + env.get("start") + " to " + env.get("end") + ", commit " + env.get("commit"));
        table.row("other work during the run", run.info().machineLoad().map(Summary::load)
                .orElse(RunInfo.UNKNOWN + " (not recorded by the runner of this run)"));
        table.row("CPU sharing and missing modules", run.notes().isEmpty() ? "none: no CPU shared with another run, "
                + "a housekeeping CPU for every pinning, every module has results" : String.join("; ", run.notes()));
        table.row("forks in two modes", twoModes(run));
        table.row("lessons", Lessons.tally(run) + " ([the claims](#lessons))");
        if (FlameTrials.hasFlameGraphs(run)) {
            table.row("flame graphs", flameGraphs(run));
        }
        table.done();
        return doc.para("Every figure below comes from this one run on this one machine; the environment in full is at "
                + "[the end](#environment).");
    }

    private static String forks(Run run) {
        IntSummaryStatistics forks = run.results().stream().mapToInt(r -> r.primary().forks().size()).summaryStatistics();
        return (forks.getMin() == forks.getMax() ? forks.getMin() : forks.getMin() + " to " + forks.getMax())
                + (forks.getMax() == 1 ? " fork" : " forks") + " per result";
    }

    private static String load(MachineLoad load) {
        return load.describe() + (load.busy() ? ": a busy machine, whose numbers are its neighbours' as much as the code's"
                : ": a quiet machine");
    }

    private static String twoModes(Run run) {
        if (run.results().stream().allMatch(r -> r.primary().forks().size() < 2)) {
            return "cannot show: one fork per result (a spinning figure on a virtual machine may be either mode; "
                    + "the compare and full profiles run 5 forks)";
        }
        List<ForkModes.Split> splits = ForkModes.in(run);
        return splits.isEmpty() ? "none" : splits.size() + " of " + run.results().size()
                + " results, whose means describe neither mode ([the list](#forks-in-two-modes))";
    }

    private static String flameGraphs(Run run) {
        long profiled = run.results().stream().filter(r -> !FlameTrials.graphs(run, r).isEmpty()).count();
        List<Path> empty = FlameLinks.empty(run);
        return profiled + " results profiled, each with the benchmark JVM's and the peer's graphs linked from its row (column "
                + "`flame graphs`) under `flame/`" + (empty.isEmpty() ? "" : "; " + empty.size() + (empty.size() == 1 ? " graph file is" : " graph files are")
                + " empty (its process's dump failed): " + String.join(", ", empty.stream().map(f -> "`" + run.dir().relativize(f) + "`").toList()));
    }

}
