package io.ipcbench.cli.report;

import io.ipcbench.cli.doc.Doc;
import io.ipcbench.cli.lessons.ContextSwitches;
import io.ipcbench.cli.results.Fmt;
import io.ipcbench.cli.results.JmhResult;
import io.ipcbench.cli.results.Run;
import java.util.List;

/**
 * The report's table of every blocking result in the units of the run's floors ({@link Floors}):
 * how many wake-ups an operation makes and what they cost at the wake-up floor, and at most how many
 * system calls its kernel time allows. A round trip of a blocking pipe then reads as two wake-ups
 * and a handful of calls, not as an opaque 50 µs.
 */
final class FloorTable {
    private FloorTable() {
    }

    static Doc of(Run run) {
        Doc doc = new Doc("Floor units").heading(3, "Blocking mechanisms in floor units");
        Floors floors = Floors.of(run);
        List<JmhResult> rows = run.results().stream()
                .filter(r -> !r.module().equals(Run.FLOOR_MODULE) && ContextSwitches.blocks(r) && !r.osCosts().isEmpty()).toList();
        if (floors.systemCall().isEmpty() && floors.twoWakes().isEmpty()) {
            return doc.para("This run has no system-call or wake-up floor (`" + Run.FLOOR_MODULE + "` SystemCall, "
                    + "CrossCpuWakeUp: runs made before they existed, or without that module), so its blocking results are "
                    + "not expressed in floor units.");
        }
        doc.para(units(floors));
        if (rows.isEmpty()) {
            return doc.para("No blocking result with OS costs (-prof io.ipcbench.bench.OsCostProfiler) in this run.");
        }
        ParamNames names = new ParamNames(rows);
        var table = doc.table("result", "time per op", "wake-ups per op", "× wake-up floor", "kernel time per op",
                "system calls per op (at most)", "processes").numeric(1, 2, 3, 4, 5);
        for (JmhResult r : rows) {
            Floors.CostPerOp u = floors.of(r);
            String params = names.label(r);
            table.row(r.module() + " " + r.shortName() + (params.isEmpty() ? "" : " " + params), Fmt.time(u.opNs()), Fmt.num(u.wakes()),
                    Fmt.time(u.wakes() * floors.wakeNs()), Fmt.time(u.kernelNs()), "≤ " + Fmt.num(u.callsAtMost()),
                    u.bothProcesses() ? "both" : "benchmark JVM only");
        }
        return table.done();
    }

    /** The floors in one paragraph, with how each unit is derived. */
    static String units(Floors floors) {
        return "Floors of this run: an empty system call (getppid through the suite's native-call path) takes "
                + Fmt.time(floors.callNs()) + ", of which " + Fmt.time(floors.callKernelNs()) + " kernel time; the same "
                + "downcall answered without the kernel (getpagesize) " + Fmt.time(floors.userSpaceCallNs()) + "; a cross-"
                + "CPU wake-up " + Fmt.time(floors.wakeNs()) + " (half the p50 of a round trip of two futex wakes between two "
                + "pinned threads). Time per op is a round trip's p50, or one message of a stream (1 / messages per second). "
                + "Wake-ups per op are counted: the voluntary context switches of every thread of both processes, the JVMs' "
                + "own included (a thread that sleeps is woken once). System calls per op are not counted but bounded: the kernel time of both processes per op "
                + "over an empty call's kernel time, since every call pays at least an empty call's entry and exit and one "
                + "that copies or wakes pays more. Where the peer's costs are missing, the counts are the benchmark JVM's "
                + "alone.";
    }
}
