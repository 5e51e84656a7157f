package io.ipcbench.cli.results;

import java.util.Map;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One benchmark × params of a run, as JMH recorded it. Nothing here knows any mechanism: the module
 * is the result file's, every param is just a name and a value, and whether lower or higher is
 * better follows from JMH's mode.
 *
 * @param benchmark the full method name, e.g. io.ipcbench.pipe.PipeLatency.roundTrip
 * @param mode      JMH's short mode label: thrpt, avgt, sample or ss
 * @param secondary by JMH's label: bytes, os.bench.csw.voluntary, p0.50 ...
 */
public record JmhResult(String module, String benchmark, String mode, SortedMap<String, String> params,
                 Metric primary, Map<String, Metric> secondary, Timing timing) {

    /** Iteration counts and lengths, needed to turn a rate back into a number of operations. */
    public record Timing(int forks, int warmupIterations, double warmupSeconds, int measurementIterations,
                  double measurementSeconds) {
    }

    /** What a result is matched by between two runs. */
    public String key() {
        return module + " " + benchmark + " " + mode + " " + params;
    }

    /** Throughput is better higher; times per operation lower. */
    public boolean higherIsBetter() {
        return mode.equals("thrpt");
    }

    public boolean isLatency() {
        return !higherIsBetter();
    }

    /** The class and method, e.g. PipeLatency.roundTrip. */
    public String shortName() {
        int method = benchmark.lastIndexOf('.');
        int type = benchmark.lastIndexOf('.', method - 1);
        return benchmark.substring(type + 1);
    }

    public String param(String name) {
        return params.get(name);
    }

    /** The {@code size} param, the payload in bytes; empty when the benchmark has none. */
    public OptionalLong size() {
        try {
            return params.containsKey("size") ? OptionalLong.of(Long.parseLong(params.get("size"))) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * The figure to rank by: the median round trip where JMH sampled latencies, the score
     * otherwise (mean time per operation, or operations per second).
     */
    public double typical() {
        double median = mode.equals("sample") ? primary.percentile(50.0) : Double.NaN;
        return Double.isNaN(median) ? primary.score() : median;
    }

    /** The same figure in one fork: its median round trip where JMH sampled latencies, the mean of its iterations otherwise. */
    public double typical(Metric.Fork fork) {
        return mode.equals("sample") ? fork.percentile(50.0) : fork.mean();
    }

    /** The same figure in each iteration of one fork. */
    public double[] typicalPerIteration(Metric.Fork fork) {
        return mode.equals("sample") ? fork.histograms().stream().mapToDouble(h -> h.percentile(50.0)).toArray() : fork.iterations();
    }

    /** The profiler metrics of the operating system's costs per operation (os.bench.*, os.peer.*). */
    public Map<String, Metric> osCosts() {
        return secondary.entrySet().stream().filter(e -> e.getKey().startsWith("os."))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }
}
