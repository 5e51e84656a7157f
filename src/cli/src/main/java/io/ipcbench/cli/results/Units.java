package io.ipcbench.cli.results;

import java.util.Map;

/**
 * JMH writes each result in the unit its benchmark asked for (ns/op, us/op, ops/ms, ...). Everything
 * the results tooling compares is first brought to one unit per kind: nanoseconds per operation
 * for times, operations per second for rates. Any other unit (#/op of a profiler) is kept as is.
 */
public final class Units {
    public static final String NS_PER_OP = "ns/op";
    public static final String OPS_PER_S = "ops/s";

    private static final Map<String, Double> NS_PER = Map.of(
            "ns/op", 1.0, "us/op", 1e3, "µs/op", 1e3, "ms/op", 1e6, "s/op", 1e9, "min/op", 60e9);
    private static final Map<String, Double> PER_S = Map.of(
            "ops/ns", 1e9, "ops/us", 1e6, "ops/µs", 1e6, "ops/ms", 1e3, "ops/s", 1.0, "ops/min", 1 / 60.0, "ops/hr", 1 / 3600.0);

    private Units() {
    }

    /** The factor that brings a value in {@code unit} to {@link #base}. */
    static double factor(String unit) {
        if (NS_PER.containsKey(unit)) {
            return NS_PER.get(unit);
        }
        return PER_S.getOrDefault(unit, 1.0);
    }

    static String base(String unit) {
        if (NS_PER.containsKey(unit)) {
            return NS_PER_OP;
        }
        return PER_S.containsKey(unit) ? OPS_PER_S : unit;
    }
}
