package io.ipcbench.cli.report;

import io.ipcbench.cli.results.JmhResult;
import io.ipcbench.cli.results.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Every mechanism against the message size, log-log: the round trip's median, messages per second
 * and bytes per second. Each module is one line at its best (the lowest round trip, the highest
 * rate among its params at that size), so the chart ranks mechanisms; the charts of
 * {@link ParamCharts} show what each param does within a module.
 */
final class SizeCharts {
    private SizeCharts() {
    }

    static List<Chart> of(Run run) {
        List<JmhResult> mechanisms = run.results().stream()
                .filter(r -> !r.module().equals(Run.FLOOR_MODULE) && r.size().isPresent()).toList();
        List<Chart> charts = new ArrayList<>();
        List<Png.Line> latency = best(mechanisms.stream().filter(JmhResult::isLatency).toList(), JmhResult::typical, false);
        if (!latency.isEmpty()) {
            charts.add(new Chart("latency-by-size.png", "Round trip p50 against message size, each mechanism at its best",
                    Png.lines("Round trip p50 (each mechanism at its best params)", "message size (bytes)",
                            "round trip p50 (ns)", latency)));
        }
        List<JmhResult> throughput = mechanisms.stream().filter(JmhResult::higherIsBetter).toList();
        List<Png.Line> messages = best(throughput, r -> r.primary().score(), true);
        if (!messages.isEmpty()) {
            charts.add(new Chart("throughput-by-size.png", "Messages consumed per second against message size",
                    Png.lines("Throughput (each mechanism at its best params)", "message size (bytes)",
                            "messages per second", messages)));
        }
        List<Png.Line> bytes = best(throughput.stream().filter(r -> r.secondary().containsKey(ResultTables.BYTES)).toList(),
                r -> r.secondary().get(ResultTables.BYTES).score() / 1e6, true);
        if (!bytes.isEmpty()) {
            charts.add(new Chart("bandwidth-by-size.png", "Payload MB per second against message size",
                    Png.lines("Payload bandwidth (each mechanism at its best params)", "message size (bytes)",
                            "MB per second", bytes)));
        }
        return charts;
    }

    /** One line per module: at each size the best value among the module's results. */
    static List<Png.Line> best(List<JmhResult> results, ToDoubleFunction<JmhResult> value, boolean higherIsBetter) {
        Map<String, TreeMap<Long, Double>> byModule = new TreeMap<>();
        for (JmhResult r : results) {
            double v = value.applyAsDouble(r);
            if (!Double.isFinite(v)) {
                continue;
            }
            byModule.computeIfAbsent(r.module(), m -> new TreeMap<>())
                    .merge(r.size().getAsLong(), v, (a, b) -> higherIsBetter ? Math.max(a, b) : Math.min(a, b));
        }
        List<Png.Line> lines = new ArrayList<>();
        byModule.forEach((module, points) -> lines.add(line(module, points, false)));
        return lines;
    }

    static Png.Line line(String name, TreeMap<Long, Double> points, boolean dashed) {
        return new Png.Line(name, points.keySet().stream().mapToDouble(Long::doubleValue).toArray(),
                points.values().stream().mapToDouble(Double::doubleValue).toArray(), dashed);
    }
}
