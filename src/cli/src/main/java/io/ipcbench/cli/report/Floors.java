package io.ipcbench.cli.report;

import io.ipcbench.cli.lessons.ContextSwitches;
import io.ipcbench.cli.lessons.Pick;
import io.ipcbench.cli.results.JmhResult;
import io.ipcbench.cli.results.Metric;
import io.ipcbench.cli.results.Run;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The floors of one run that a blocking mechanism's cost is counted in, from the
 * {@value Run#FLOOR_MODULE} module: an empty system call ({@code SystemCall.getppid}: its mean
 * time, and its kernel time from the OS-cost profiler), the same downcall without the kernel
 * ({@code SystemCall.getpagesize}), and a cross-CPU wake-up (half the p50 of
 * {@code CrossCpuWakeUp.roundTripOfTwoWakes}); and the timer every latency sample includes
 * ({@code TimerFloor.empty}, an empty sampled operation). Found by benchmark name, cross-core
 * where a run has several pinnings; a run made without them has none, and says so.
 * <p>
 * A result's cost in these units: wake-ups per operation are counted (the voluntary context
 * switches of both processes: a thread that sleeps is woken once per sleep); system calls per
 * operation are not counted but bounded: the kernel time of both processes per operation over an
 * empty call's kernel time. Every call pays at least an empty call's entry and exit, and one that
 * copies or wakes pays more, so the true count is at most that.
 */
public record Floors(Optional<JmhResult> systemCall, Optional<JmhResult> userSpaceCall, Optional<JmhResult> twoWakes,
              Optional<JmhResult> timer) {
    public static final String SYSTEM_CALL = "io.ipcbench.cacheline.SystemCall.getppid";
    public static final String USER_SPACE_CALL = "io.ipcbench.cacheline.SystemCall.getpagesize";
    public static final String TWO_WAKES = "io.ipcbench.cacheline.CrossCpuWakeUp.roundTripOfTwoWakes";
    static final String TIMER = "io.ipcbench.cacheline.TimerFloor.empty";

    /** A result's cost per operation in the units of the floors; NaN where the run lacks a metric or a floor. */
    public record CostPerOp(double opNs, double wakes, double kernelNs, double callsAtMost, boolean bothProcesses) {
    }

    public static Floors of(Run run) {
        List<JmhResult> floors = run.ofModule(Run.FLOOR_MODULE);
        return new Floors(find(floors, SYSTEM_CALL), find(floors, USER_SPACE_CALL), find(floors, TWO_WAKES), find(floors, TIMER));
    }

    /** Mean time of one empty system call, through the suite's native-call path. */
    public double callNs() {
        return systemCall.map(r -> r.primary().score()).orElse(Double.NaN);
    }

    /** Kernel time of one empty system call (the profiler's os.bench.cpu.system of the floor). */
    double callKernelNs() {
        return systemCall.map(r -> systemNs(r, "os.bench")).orElse(Double.NaN);
    }

    /** Mean time of the same downcall answered in user space. */
    public double userSpaceCallNs() {
        return userSpaceCall.map(r -> r.primary().score()).orElse(Double.NaN);
    }

    /** One cross-CPU wake-up: half a round trip of two. */
    public double wakeNs() {
        return twoWakes.map(r -> r.typical() / 2).orElse(Double.NaN);
    }

    public CostPerOp of(JmhResult r) {
        double opNs = r.isLatency() ? r.typical() : 1e9 / r.primary().score();
        boolean both = r.osCosts().containsKey("os.peer.cpu.system");
        double kernelNs = systemNs(r, "os.bench") + (both ? systemNs(r, "os.peer") : 0);
        return new CostPerOp(opNs, ContextSwitches.switches(r), kernelNs, kernelNs / callKernelNs(), both);
    }

    private static double systemNs(JmhResult r, String side) {
        Metric m = r.osCosts().get(side + ".cpu.system");
        return m == null ? Double.NaN : m.score();
    }

    private static Optional<JmhResult> find(List<JmhResult> floors, String benchmark) {
        return floors.stream().filter(r -> r.benchmark().equals(benchmark))
                .max(Comparator.comparing(r -> Pick.CLASSIC.get("pinning").equals(r.param("pinning"))));
    }
}
