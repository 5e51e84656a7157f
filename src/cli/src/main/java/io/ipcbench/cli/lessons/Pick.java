package io.ipcbench.cli.lessons;

import io.ipcbench.cli.results.Fmt;
import io.ipcbench.cli.results.JmhResult;
import io.ipcbench.cli.results.Run;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the results a claim compares. A claim names a module and the params it is about (sync=SPIN,
 * size=64); where several results match, the one in the classic set-up is taken: the values in
 * {@link #CLASSIC}, e.g. a pipe that blocks rather than busy-polls and is written rather than vmspliced, TCP without
 * Nagle's delay. A result of a topology of several processes (one with a {@link #TOPOLOGY} param: a
 * fan-in's producers, a server's clients) is taken only by a claim that names that param: the
 * claims about one pair of processes never read it.
 */
public final class Pick {
    /** The set-up a claim means when it does not say: preferred, never required. */
    public static final Map<String, String> CLASSIC = Map.of("pinning", "cross-core", "layout", "PADDED", "wait", "BLOCKING",
            "capacity", "1", "nodelay", "true", "copy", "READ_WRITE", "transfer", "COPY");
    /** The params that make a result a topology of several processes rather than one pair. */
    private static final List<String> TOPOLOGY = List.of("producers", "clients");

    private Pick() {
    }

    /**
     * Every result of the module and kind whose params include {@code required}, of one pair of
     * processes: a topology's (N producers) is another measurement, which the pair claims never read.
     */
    static List<JmhResult> all(Run run, String module, boolean latency, Map<String, String> required) {
        return run.ofModule(module).stream().filter(r -> r.isLatency() == latency)
                .filter(r -> isPair(r) || TOPOLOGY.stream().anyMatch(required::containsKey))
                .filter(r -> required.entrySet().stream().allMatch(e -> e.getValue().equals(r.param(e.getKey())))).toList();
    }

    /** Whether the result is of one pair of processes, not of a topology of several. */
    public static boolean isPair(JmhResult result) {
        return TOPOLOGY.stream().allMatch(param -> result.param(param) == null);
    }

    static Optional<JmhResult> one(Run run, String module, boolean latency, Map<String, String> required) {
        return all(run, module, latency, required).stream().max(Comparator.comparingLong(Pick::classicness));
    }

    /** How many classic values a result has; ties keep JMH's order (max keeps the first). */
    private static long classicness(JmhResult result) {
        return CLASSIC.entrySet().stream().filter(e -> e.getValue().equals(result.param(e.getKey()))).count();
    }

    /** "pipe PipeLatency.roundTrip size=64 wait=BLOCKING" (pinning left out: the run header names it). */
    static String describe(JmhResult result) {
        StringBuilder text = new StringBuilder(result.module()).append(' ').append(result.shortName());
        result.params().forEach((name, value) -> {
            if (!name.equals("pinning")) {
                text.append(' ').append(name).append('=').append(value);
            }
        });
        return text.toString();
    }

    /** The figure a claim reads, formatted: p50 for latency, messages per second for throughput. */
    static String figure(JmhResult result) {
        return result.isLatency() ? Fmt.time(result.typical()) : Fmt.rate(result.primary().score());
    }
}
