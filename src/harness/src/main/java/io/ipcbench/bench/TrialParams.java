package io.ipcbench.bench;

import io.ipcbench.link.Params;
import io.ipcbench.peer.FlameGraphs;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a JMH trial tells the harness: every {@code @Param} as the trial's {@link Params}, and where
 * its flame graphs go. Public for the benchmarks that do not extend the two base classes (jmh/cacheline).
 */
public final class TrialParams {
    private TrialParams() {}

    public static Params of(String mechanism, BenchmarkParams jmh) {
        return new Params(mechanism, values(jmh));
    }

    /** The peer's flame-graph folder is named as JMH's async profiler names the benchmark JVM's. */
    static Optional<FlameGraphs> flameGraphs(BenchmarkParams jmh) {
        return FlameGraphs.forTrial(jmh.getBenchmark(), jmh.getMode().name(), values(jmh));
    }

    private static Map<String, String> values(BenchmarkParams jmh) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : jmh.getParamsKeys()) {
            values.put(key, jmh.getParam(key));
        }
        return values;
    }
}
