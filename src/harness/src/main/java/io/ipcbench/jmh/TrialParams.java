package io.ipcbench.jmh;

import io.ipcbench.link.Params;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every {@code @Param} of the running JMH benchmark, as the trial's {@link Params}; public for the
 * benchmarks that do not extend the two base classes (jmh/cacheline).
 */
public final class TrialParams {
    private TrialParams() {}

    public static Params of(String mechanism, BenchmarkParams jmh) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : jmh.getParamsKeys()) {
            values.put(key, jmh.getParam(key));
        }
        return new Params(mechanism, values);
    }
}
