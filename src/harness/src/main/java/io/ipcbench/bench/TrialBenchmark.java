package io.ipcbench.bench;

import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Params;
import io.ipcbench.link.Role;
import io.ipcbench.traffic.Trial;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.Map;

/**
 * What the latency and the throughput base share: the trial's name, the {@code pinning} param,
 * how the trial is opened, and the check of its params before any fork ({@link ParamCheck}).
 */
@State(Scope.Thread)
public abstract class TrialBenchmark implements CheckedParams {
    @Param({"cross-core"})
    public String pinning;

    private final String name;
    private final TrialOpener opener;

    protected TrialBenchmark(Mechanism mechanism) {
        this(mechanism.name(), TrialOpener.peer(mechanism));
    }

    /** For benchmarks whose other end is not a peer process of a {@link Mechanism} (the in-process floors). */
    protected TrialBenchmark(String name, TrialOpener opener) {
        this.name = name;
        this.opener = opener;
    }

    @Override
    public final void checkParams(Map<String, String> values) {
        opener.check(new Params(name, values));
    }

    /** The trial, its other end playing {@code role}, opened once this JVM's threads are off the measuring CPUs. */
    final Trial open(BenchmarkParams jmh, Role role) {
        Params params = TrialParams.of(name, jmh);
        TrialCpus.prepare(params);
        return opener.open(params, role, TrialParams.flameGraphs(jmh));
    }
}
