package io.ipcbench.cli.lessons;

import io.ipcbench.cli.results.Fmt;
import io.ipcbench.cli.results.JmhResult;
import io.ipcbench.cli.results.Metric;
import io.ipcbench.cli.results.Run;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lesson 4: a blocking mechanism pays a wake-up, a context switch, per message; spinning pays CPU
 * instead and switches ≈ never. Read from the OS-cost profiler's voluntary context switches of
 * both processes per round trip: a round trip counts only where both were measured in every
 * iteration (JMH averages a figure missing from some iterations as if it were 0 there).
 * Spinning: sync=SPIN. Blocking: sync FUTEX or SEMAPHORE, wait=BLOCKING, or a mechanism with
 * neither param (its only way to wait is the kernel's).
 */
public record ContextSwitches() implements Claim {
    private static final double NEAR_ZERO = 0.1;
    private static final double ONE = 1.0;
    private static final List<String> SIDES = List.of("os.bench", "os.peer");

    @Override
    public String statement() {
        return "spinning ≈ 0 context switches per op, blocking mechanisms ≥ 1 (round trips, OS-cost profiler)";
    }

    @Override
    public Verdict check(Run run) {
        String threshold = "reproduced when every sync=SPIN round trip has < " + NEAR_ZERO + " voluntary switches per op "
                + "(benchmark + peer) and every blocking one ≥ " + ONE + ", each beyond the noise (the 95 % interval of the "
                + "mean over the forks, or the iterations of a one-fork run, wholly on that side); not reproduced when one "
                + "lies beyond the noise on the wrong side; inconclusive otherwise";
        List<JmhResult> roundTrips = run.results().stream()
                .filter(r -> r.isLatency() && !r.module().equals(Run.FLOOR_MODULE) && Pick.isPair(r)).toList();
        List<JmhResult> measured = roundTrips.stream().filter(r -> !Double.isNaN(switches(r))).toList();
        long partly = roundTrips.stream().filter(r -> r.osCosts().containsKey("os.bench.csw.voluntary")).count() - measured.size();
        List<JmhResult> spinning = measured.stream().filter(r -> r.param("sync") != null && Waits.onlySpins(r)).toList();
        List<JmhResult> blocking = measured.stream().filter(ContextSwitches::blocks).toList();
        if (spinning.isEmpty() || blocking.isEmpty()) {
            return Verdict.notMeasured(measured.isEmpty() ? (partly > 0 ? partly + " round trips have OS costs, none of both "
                    + "processes in every iteration" : "no os.*.csw.voluntary metrics in this run (profile without "
                    + "-prof io.ipcbench.bench.OsCostProfiler)") : "no " + (spinning.isEmpty() ? "sync=SPIN" : "blocking")
                    + " round trip with OS costs in this run", threshold);
        }
        JmhResult worstSpin = spinning.stream().max(Comparator.comparingDouble(ContextSwitches::switches)).orElseThrow();
        JmhResult leastBlocking = blocking.stream().min(Comparator.comparingDouble(ContextSwitches::switches)).orElseThrow();
        List<String> text = new ArrayList<>();
        text.add("spinning (" + spinning.size() + " results): at most " + withInterval(worstSpin) + " per op ("
                + Pick.describe(worstSpin) + ")");
        text.add("blocking (" + blocking.size() + " results): at least " + withInterval(leastBlocking) + " per op ("
                + Pick.describe(leastBlocking) + ")");
        if (partly > 0) {
            text.add(partly + " round trips left out: OS costs not of both processes in every iteration");
        }
        boolean against = spinning.stream().anyMatch(r -> interval(r)[0] >= NEAR_ZERO)
                || blocking.stream().anyMatch(r -> interval(r)[1] < ONE);
        boolean holds = spinning.stream().allMatch(r -> interval(r)[1] < NEAR_ZERO)
                && blocking.stream().allMatch(r -> interval(r)[0] >= ONE);
        Verdict.Status status = holds ? Verdict.Status.REPRODUCED : against ? Verdict.Status.NOT_REPRODUCED : Verdict.Status.INCONCLUSIVE;
        return new Verdict(status, String.join("; ", text), threshold);
    }

    /** The 95 % interval of a result's voluntary switches per op, both processes; NaNs when it has no spread. */
    private static double[] interval(JmhResult r) {
        return Noise.sumInterval(voluntary(r));
    }

    private static String withInterval(JmhResult r) {
        double[] interval = interval(r);
        return Fmt.num(switches(r)) + (Double.isFinite(interval[0])
                ? " [" + Fmt.num(interval[0]) + ", " + Fmt.num(interval[1]) + "]" : " (no spread: one fork of one iteration)");
    }

    private static List<Metric> voluntary(JmhResult r) {
        return SIDES.stream().map(side -> r.osCosts().get(side + ".csw.voluntary")).toList();
    }

    /** Whether both sides sleep in the kernel when they find nothing (FUTEX, SEMAPHORE, BLOCKING, signals): asked of the strategy. */
    public static boolean blocks(JmhResult r) {
        return Waits.sleeps(r);
    }

    /** Voluntary context switches per op, both processes; NaN unless the run measured both in every iteration. */
    public static double switches(JmhResult r) {
        int iterations = r.primary().iterations().length;
        double sum = 0;
        for (String side : SIDES) {
            Metric voluntary = r.osCosts().get(side + ".csw.voluntary");
            if (voluntary == null || voluntary.iterations().length != iterations) {
                return Double.NaN;
            }
            sum += voluntary.score();
        }
        return sum;
    }
}
