package io.ipcbench.cli.diff;

import io.ipcbench.cli.doc.Doc;
import io.ipcbench.cli.report.Floors;
import io.ipcbench.cli.results.Fmt;
import io.ipcbench.cli.results.JmhResult;
import io.ipcbench.cli.results.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the floors say about each changed result of a diff: how far the system-call floor and the
 * wake-up floor moved between the runs, and how much of the result's change those moves account
 * for, given how many wake-ups it makes per operation (counted) and at most how many system calls
 * (bounded by its kernel time, {@link Floors}). What they leave is the mechanism's own change, or a
 * cost no floor covers. A kernel diff asks exactly this: did entry and exit get dearer, did waking
 * another CPU, or did the mechanism's own path change?
 */
final class FloorDiff {
    private FloorDiff() {
    }

    static Doc of(RunDiff diff, double threshold, Function<JmhResult, String> label) {
        Doc doc = new Doc("Floors");
        List<RowDiff> changed = diff.rows().stream().filter(r -> !r.base().module().equals(Run.FLOOR_MODULE)
                && !r.base().osCosts().isEmpty() && beyond(r.headline().outcome(threshold))).toList();
        if (changed.isEmpty()) {
            return doc;
        }
        Floors base = Floors.of(diff.base());
        Floors now = Floors.of(diff.changed());
        doc.heading(3, "Changed results against the floors");
        String missing = missing(base, now);
        doc.para((missing.isEmpty() ? "System-call floor (mean of an empty call): "
                + move(base.callNs(), now.callNs(), diff, Floors.SYSTEM_CALL, threshold)
                + "; the same downcall without the kernel: " + move(base.userSpaceCallNs(), now.userSpaceCallNs(), diff,
                Floors.USER_SPACE_CALL, threshold) + ". Wake-up floor (one cross-CPU wake-up): "
                + move(base.wakeNs(), now.wakeNs(), diff, Floors.TWO_WAKES, threshold) + ". " : missing)
                + "For each result whose p50 (round trips) or score changed beyond the threshold: its wake-ups per operation, "
                + "counted (voluntary context switches of both processes), and its kernel time per operation with the system "
                + "calls it allows at most (over an empty call's kernel time), in both runs. A floor's move times the mean of "
                + "the two runs' counts is what that floor accounts for (for system calls an upper bound); the rest is the "
                + "mechanism's own change, or a cost no floor covers." + benchmarkOnly(changed, base, now));
        for (RowDiff r : changed) {
            doc.para(row(r, base, now, missing.isEmpty(), label));
        }
        return doc;
    }

    /** One changed result: its change, its counts in both runs and, with every floor in both, what each floor's move accounts for. */
    private static String row(RowDiff r, Floors base, Floors now, boolean floors, Function<JmhResult, String> label) {
        Floors.CostPerOp a = base.of(r.base());
        Floors.CostPerOp b = now.of(r.changed());
        double dOp = b.opNs() - a.opNs();
        StringBuilder text = new StringBuilder("**" + label.apply(r.base()) + "**: " + Fmt.change(r.ratio())
                + (r.base().higherIsBetter() ? " operations/s" : r.base().mode().equals("sample") ? " (p50)" : " (mean)")
                + ", time per op " + Fmt.time(a.opNs()) + " → " + Fmt.time(b.opNs()) + " (" + signed(dOp) + "). Wake-ups per op "
                + Fmt.num(a.wakes()) + " → " + Fmt.num(b.wakes()) + "; kernel time per op " + Fmt.time(a.kernelNs()) + " → "
                + Fmt.time(b.kernelNs()) + calls(a, b) + ".");
        if (floors) {
            double byCalls = (now.callNs() - base.callNs()) * (a.callsAtMost() + b.callsAtMost()) / 2;
            double byWakes = (now.wakeNs() - base.wakeNs()) * (a.wakes() + b.wakes()) / 2;
            text.append(" The system-call floor's move accounts for up to ").append(signed(byCalls))
                    .append(", the wake-up floor's for ").append(signed(byWakes)).append("; left to the mechanism itself: ")
                    .append(signed(dOp - byCalls - byWakes)).append('.');
        }
        return text.toString();
    }

    /** A sentence naming how many results lack the peer's OS costs in a run; empty when none does. */
    private static String benchmarkOnly(List<RowDiff> changed, Floors base, Floors now) {
        long partial = changed.stream().filter(r -> !base.of(r.base()).bothProcesses() || !now.of(r.changed()).bothProcesses()).count();
        return partial == 0 ? "" : " In " + partial + " of these results a run lacks the peer process's OS costs, so their "
                + "counts are the benchmark JVM's alone.";
    }

    /** ", ≤ 5 → ≤ 6.2 system calls" where both runs have the system-call floor. */
    private static String calls(Floors.CostPerOp a, Floors.CostPerOp b) {
        return Double.isFinite(a.callsAtMost()) && Double.isFinite(b.callsAtMost())
                ? " (≤ " + Fmt.num(a.callsAtMost()) + " → ≤ " + Fmt.num(b.callsAtMost()) + " system calls)" : "";
    }

    private static boolean beyond(RowDiff.Outcome outcome) {
        return outcome == RowDiff.Outcome.REGRESSION || outcome == RowDiff.Outcome.IMPROVEMENT;
    }

    /** Which run lacks which floor, as a sentence; empty when both runs have all three. */
    private static String missing(Floors base, Floors now) {
        List<String> absent = new ArrayList<>();
        for (Floors floors : List.of(base, now)) {
            String run = floors == base ? " in the base run" : " in the new run";
            absent.addAll(floors.systemCall().isEmpty() ? List.of("the system-call floor" + run) : List.of());
            absent.addAll(floors.userSpaceCall().isEmpty() ? List.of("the user-space call" + run) : List.of());
            absent.addAll(floors.twoWakes().isEmpty() ? List.of("the wake-up floor" + run) : List.of());
        }
        return absent.isEmpty() ? "" : "Missing: " + String.join(", ", absent) + " (a run made before the floors existed, or "
                + "without the " + Run.FLOOR_MODULE + " module, has none), so the floors' moves cannot be set against the "
                + "results. ";
    }

    /** "95 ns → 140 ns (+47.4 %, regression)", the verdict being the floor's own row's in this diff. */
    private static String move(double base, double now, RunDiff diff, String benchmark, double threshold) {
        Optional<RowDiff> row = diff.rows().stream().filter(r -> r.base().benchmark().equals(benchmark)).findFirst();
        String verdict = row.map(r -> switch (r.outcome(threshold)) {
            case REGRESSION -> ", slower beyond the threshold";
            case IMPROVEMENT -> ", faster beyond the threshold";
            case NOT_CLEARLY_BEYOND_THRESHOLD -> ", changed, not clearly beyond the threshold";
            case NOT_SIGNIFICANT -> ", no significant change";
        }).orElse("");
        return Fmt.time(base) + " → " + Fmt.time(now) + " (" + Fmt.change(now / base) + verdict + ")";
    }

    private static String signed(double ns) {
        return Double.isFinite(ns) ? (ns >= 0 ? "+" : "−") + Fmt.time(Math.abs(ns)) : "n/a";
    }
}
