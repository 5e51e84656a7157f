package io.ipcbench.jmh;

import io.ipcbench.link.Params;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.LinkedHashMap;
import java.util.Map;

/** Every {@code @Param} of the running JMH benchmark, as the trial's {@link Params}. */
final class TrialParams {
    private TrialParams() {}

    static Params of(String mechanism, BenchmarkParams jmh) {
        return of(mechanism, jmh, Map.of());
    }

    /** The JMH params, then {@code implied} ones the benchmark class fixes without declaring them. */
    static Params of(String mechanism, BenchmarkParams jmh, Map<String, String> implied) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : jmh.getParamsKeys()) {
            values.put(key, jmh.getParam(key));
        }
        values.putAll(implied);
        return new Params(mechanism, values);
    }
}
