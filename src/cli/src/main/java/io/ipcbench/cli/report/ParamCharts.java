package io.ipcbench.cli.report;

import io.ipcbench.cli.results.Fmt;
import io.ipcbench.cli.results.JmhResult;
import io.ipcbench.cli.results.Run;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What one param does within a module, its values side by side at each message size: shared
 * memory's sync strategies, its layouts, a descriptor's BLOCKING and
 * BUSY_POLL waits, whatever params a module has. The module's other params stay at the value of its
 * first result (JMH's order: the first value listed), named in the title.
 */
final class ParamCharts {
    private ParamCharts() {
    }

    /** The charts of one module, shown beside its tables. */
    static List<Chart> of(Run run, String module) {
        List<Chart> charts = new ArrayList<>();
        List<JmhResult> results = run.ofModule(module);
        add(charts, module, "latency", results.stream().filter(JmhResult::isLatency).toList());
        add(charts, module, "throughput", results.stream().filter(JmhResult::higherIsBetter).toList());
        return charts;
    }

    private static void add(List<Chart> charts, String module, String kind, List<JmhResult> results) {
        if (results.isEmpty()) {
            return;
        }
        for (String param : new ParamNames(results).varying()) {
            if (!param.equals("size")) {
                chart(module, kind, param, results).ifPresent(charts::add);
            }
        }
    }

    private static Optional<Chart> chart(String module, String kind, String param, List<JmhResult> results) {
        JmhResult first = results.getFirst();
        Set<String> others = new TreeSet<>(new ParamNames(results).varying());
        others.removeAll(Set.of(param, "size"));
        List<JmhResult> slice = results.stream()
                .filter(r -> others.stream().allMatch(o -> Objects.equals(r.param(o), first.param(o)))).toList();
        Set<String> values = slice.stream().map(r -> Objects.toString(r.param(param), "–"))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (values.size() < 2) {
            return Optional.empty();
        }
        List<Long> sizes = slice.stream().map(r -> r.size().orElse(-1)).distinct().sorted().toList();
        List<String> categories = sizes.stream().map(s -> s < 0 ? "–" : Fmt.size(s)).toList();
        List<Png.Bars> bars = new ArrayList<>();
        for (String value : values) {
            double[] heights = new double[sizes.size()];
            Arrays.fill(heights, Double.NaN);
            for (JmhResult r : slice) {
                if (Objects.equals(Objects.toString(r.param(param), "–"), value)) {
                    heights[sizes.indexOf(r.size().orElse(-1))] = r.typical();
                }
            }
            bars.add(new Png.Bars(param + "=" + value, heights));
        }
        boolean latency = kind.equals("latency");
        // a param the slice's benchmarks do not declare fixes nothing: it is left out of the caption
        String fixed = others.stream().filter(o -> first.param(o) != null)
                .map(o -> o + "=" + first.param(o)).collect(Collectors.joining(", "));
        String title = module + ": " + param + " side by side, " + (latency ? "round trip p50" : "messages/s")
                + (fixed.isEmpty() ? "" : " (" + fixed + ")");
        byte[] png = Png.bars(title, latency ? "round trip p50 (ns)" : "messages per second", categories, bars);
        return Optional.of(new Chart(module + "-" + param + "-" + kind + ".png", title, png));
    }
}
