package io.ipcbench.cacheline;

import io.ipcbench.bench.CheckedParams;
import io.ipcbench.bench.TrialCpus;
import io.ipcbench.bench.TrialParams;
import io.ipcbench.link.Params;
import io.ipcbench.os.Pinning;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.Map;

/**
 * What the floors measured on the trials' benchmark CPU share: the {@code pinning} param, checked
 * before any fork as a trial's is, the CPUs prepared once per trial as a trial's are (the JVM
 * confined to the housekeeping CPUs, the measuring CPUs probed), and the measuring thread pinned
 * to the plan's benchmark CPU before every iteration (JMH may change threads between them).
 */
@State(Scope.Thread)
public abstract class PinnedFloor implements CheckedParams {
    @Param({"cross-core"})
    public String pinning;

    private final String name;
    private Pinning.Plan cpus;

    /** {@code name}: how messages about the trial name it. */
    protected PinnedFloor(String name) {
        this.name = name;
    }

    @Override
    public final void checkParams(Map<String, String> values) {
        new Params(name, values).pinning().plan();
    }

    @Setup(Level.Trial)
    public final void plan(BenchmarkParams jmh) {
        cpus = TrialCpus.prepare(TrialParams.of(name, jmh));
        started(cpus);
    }

    /** Once per trial, after the plan: what else the floor starts (a thread on the peer CPU). */
    protected void started(Pinning.Plan plan) {}

    @Setup(Level.Iteration)
    public final void pinMeasuringThread() {
        cpus.pinCurrentThreadAsBenchmark();
    }
}
