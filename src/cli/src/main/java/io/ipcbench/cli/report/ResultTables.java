package io.ipcbench.cli.report;

import io.ipcbench.cli.doc.Doc;
import io.ipcbench.cli.flame.FlameTrials;
import io.ipcbench.cli.results.Fmt;
import io.ipcbench.cli.results.JmhResult;
import io.ipcbench.cli.results.Metric;
import io.ipcbench.cli.results.Run;
import io.ipcbench.cli.results.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.DoubleFunction;
import java.util.stream.IntStream;

/**
 * The tables of one module in a report: round-trip latency percentiles, throughput in messages and
 * bytes per second, and the operating system's costs per operation where the run measured them.
 * Columns come from the results (every param that varies, every os.* metric), never from a list of
 * mechanisms.
 */
final class ResultTables {
    /** The secondary metric in which throughput benchmarks count payload bytes (per second). */
    static final String BYTES = "bytes";
    private static final String FLAME_GRAPHS = "flame graphs";

    private ResultTables() {
    }

    /**
     * The module's tables, each under its own heading; {@code timer}: the run's timer floor ({@link Floors#timer}),
     * said beside the round trips, which all include it. In a run with flame graphs every profiled row links to them.
     */
    static Doc of(Run run, String module, Optional<JmhResult> timer) {
        Doc doc = new Doc(module);
        List<JmhResult> results = run.ofModule(module);
        ParamNames names = new ParamNames(results);
        if (!names.constant().isEmpty()) {
            doc.para("Same in every row: `" + names.constant() + "`.");
        }
        boolean flame = FlameTrials.hasFlameGraphs(run);
        latency(doc, module, results.stream().filter(JmhResult::isLatency).toList(),
                module.equals(Run.FLOOR_MODULE) ? Optional.empty() : timer, flame ? Optional.of(run) : Optional.empty());
        throughput(doc, module, results.stream().filter(JmhResult::higherIsBetter).toList(), flame ? Optional.of(run) : Optional.empty());
        osCosts(doc, module, results);
        return doc;
    }

    /** The anchor of a result's row in its table: module, benchmark and every param. */
    static String anchor(JmhResult r) {
        StringBuilder name = new StringBuilder("row ").append(r.module()).append(' ').append(r.shortName());
        r.params().forEach((k, v) -> name.append(' ').append(k).append(' ').append(v));
        return name.toString();
    }

    private static void latency(Doc doc, String module, List<JmhResult> rows, Optional<JmhResult> timer, Optional<Run> flame) {
        if (rows.isEmpty()) {
            return;
        }
        List<String> params = new ParamNames(rows).varying();
        List<String> header = new ArrayList<>(List.of("benchmark"));
        header.addAll(params);
        header.addAll(List.of("p50", "p99", "p99.9", "mean ± 99.9 % CI", "iterations"));
        int figures = header.size();
        flame.ifPresent(run -> header.add(FLAME_GRAPHS));
        var table = doc.table(header.toArray(String[]::new)).numeric(range(params.size() + 1, figures));
        for (JmhResult r : rows) {
            List<Object> cells = first(r, params);
            boolean sampled = r.mode().equals("sample");
            for (double percent : new double[] {50.0, 99.0, 99.9}) {
                cells.add(sampled ? Fmt.time(r.primary().percentile(percent)) : "–");
            }
            cells.add(Fmt.time(r.primary().score()) + plusMinus(r.primary().error(), Fmt::time));
            cells.add(r.primary().iterations().length);
            flame.ifPresent(run -> cells.add(FlameLinks.cell(run, r)));
            table.row(cells.toArray()).anchor(anchor(r));
        }
        doc.heading(4, "`" + module + "` round trips");
        doc.para("**Round trip** (one message there and back, never halved), " + rows.size() + " results. Percentiles are over "
                + "every sampled round trip of all measured iterations (JMH SampleTime)." + timer.map(ResultTables::timerFloor).orElse(""));
        table.done();
    }

    /** The timer floor in a sentence. */
    private static String timerFloor(JmhResult timer) {
        return " Every sample includes the timer, two clock reads around the operation: this run's timer floor ("
                + Run.FLOOR_MODULE + " `" + timer.shortName() + "`, an empty sampled operation) is p50 "
                + Fmt.time(timer.primary().percentile(50.0)) + ", p99 " + Fmt.time(timer.primary().percentile(99.0))
                + ". A row within a few times it, a spinning one most of all, is measured partly in the timer's units.";
    }

    private static void throughput(Doc doc, String module, List<JmhResult> rows, Optional<Run> flame) {
        if (rows.isEmpty()) {
            return;
        }
        List<String> params = new ParamNames(rows).varying();
        List<String> header = new ArrayList<>(List.of("benchmark"));
        header.addAll(params);
        header.addAll(List.of("messages/s ± 99.9 % CI", "MB/s", "iterations"));
        int figures = header.size();
        flame.ifPresent(run -> header.add(FLAME_GRAPHS));
        var table = doc.table(header.toArray(String[]::new)).numeric(range(params.size() + 1, figures));
        for (JmhResult r : rows) {
            List<Object> cells = first(r, params);
            cells.add(Fmt.rate(r.primary().score()) + plusMinus(r.primary().error(), Fmt::rate));
            Metric bytes = r.secondary().get(BYTES);
            cells.add(bytes == null ? "–" : Fmt.num(bytes.score() / 1e6));
            cells.add(r.primary().iterations().length);
            flame.ifPresent(run -> cells.add(FlameLinks.cell(run, r)));
            table.row(cells.toArray()).anchor(anchor(r));
        }
        doc.heading(4, "`" + module + "` throughput");
        doc.para("**Throughput**: messages the receiving process consumed per second; MB/s (10⁶ bytes) from the "
                + "`" + BYTES + "` counter of payload bytes.");
        table.done();
    }

    private static void osCosts(Doc doc, String module, List<JmhResult> results) {
        List<JmhResult> rows = results.stream().filter(r -> !r.osCosts().isEmpty()).toList();
        if (rows.isEmpty()) {
            return;
        }
        TreeSet<String> metrics = new TreeSet<>();
        rows.forEach(r -> metrics.addAll(r.osCosts().keySet()));
        List<String> params = new ParamNames(rows).varying();
        List<String> header = new ArrayList<>(List.of("benchmark"));
        header.addAll(params);
        metrics.forEach(m -> header.add(m.substring("os.".length())));
        var table = doc.table(header.toArray(String[]::new)).numeric(range(params.size() + 1, header.size()));
        for (JmhResult r : rows) {
            List<Object> cells = first(r, params);
            Map<String, Metric> costs = r.osCosts();
            metrics.forEach(m -> cells.add(costs.containsKey(m) ? perOp(costs.get(m)) : "–"));
            table.row(cells.toArray());
        }
        doc.heading(4, "`" + module + "` operating-system costs");
        doc.para("**Operating-system cost per operation** (OsCostProfiler): `csw` context switches (voluntary: the thread "
                + "slept; involuntary: it was preempted), `cpu` user and system CPU time, for the benchmark JVM (`bench`) and "
                + "the peer process (`peer`). A round trip is one operation; for throughput one consumed message.");
        table.done();
    }

    static String perOp(Metric metric) {
        return metric.unit().equals(Units.NS_PER_OP) ? Fmt.time(metric.score()) : Fmt.num(metric.score());
    }

    private static List<Object> first(JmhResult r, List<String> params) {
        List<Object> cells = new ArrayList<>(List.of(r.shortName()));
        params.forEach(p -> cells.add(ParamNames.cell(r, p)));
        return cells;
    }

    private static String plusMinus(double error, DoubleFunction<String> format) {
        return Double.isFinite(error) ? " ± " + format.apply(error) : "";
    }

    private static int[] range(int from, int to) {
        return IntStream.range(from, to).toArray();
    }
}
