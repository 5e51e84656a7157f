package io.ipcbench.cli.results;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipcbench.cli.usage.CliException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Parses JMH's JSON result format ({@code -rf json}): an array with one object per benchmark ×
 * params. Anything else (another tool's JSON, a truncated file) is refused with the file's name
 * and what is wrong, never half-read.
 */
final class JmhJson {
    private static final String SHAPE = "expected JMH's -rf json output, an array of objects with benchmark, mode, "
            + "params and primaryMetric";

    private JmhJson() {
    }

    static List<JmhResult> read(Path file, String module) {
        JsonNode root = JsonFiles.read(file);
        if (!root.isArray()) {
            throw new CliException(file + ": not JMH results (" + SHAPE + "; found " + kind(root) + ")");
        }
        List<JmhResult> results = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            try {
                results.add(result(root.get(i), module));
            } catch (IllegalArgumentException e) {
                throw new CliException(file + ": not JMH results (element " + (i + 1) + ": " + e.getMessage() + "; " + SHAPE + ")");
            }
        }
        return List.copyOf(results);
    }

    private static JmhResult result(JsonNode node, String module) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("a " + kind(node) + ", not an object");
        }
        String benchmark = text(node, "benchmark");
        String mode = text(node, "mode");
        SortedMap<String, String> params = new TreeMap<>();
        node.path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
        Metric primary = metric(object(node, "primaryMetric"));
        Map<String, Metric> secondary = new LinkedHashMap<>();
        node.path("secondaryMetrics").properties().forEach(e -> secondary.put(e.getKey(), metric(e.getValue())));
        var timing = new JmhResult.Timing(node.path("forks").asInt(1), node.path("warmupIterations").asInt(0),
                seconds(node.path("warmupTime").asText("")), node.path("measurementIterations").asInt(0),
                seconds(node.path("measurementTime").asText("")));
        return new JmhResult(module, benchmark, mode, params, primary, secondary, timing);
    }

    private static Metric metric(JsonNode node) {
        if (!node.isObject() || !node.has("score")) {
            throw new IllegalArgumentException("a metric without a score");
        }
        String unit = node.path("scoreUnit").asText("");
        double factor = Units.factor(unit);
        SortedMap<Double, Double> percentiles = new TreeMap<>();
        node.path("scorePercentiles").properties().forEach(e ->
                percentiles.put(Double.parseDouble(e.getKey()), number(e.getValue()) * factor));
        List<Metric.Fork> forks = new ArrayList<>();
        if (node.has("rawDataHistogram")) {
            for (JsonNode fork : node.path("rawDataHistogram")) {
                List<Histogram> histograms = new ArrayList<>();
                fork.forEach(iteration -> histograms.add(histogram(iteration, factor)));
                forks.add(new Metric.Fork(histograms.stream().mapToDouble(Histogram::mean).toArray(), List.copyOf(histograms)));
            }
        } else {
            for (JsonNode fork : node.path("rawData")) {
                double[] iterations = new double[fork.size()];
                for (int i = 0; i < iterations.length; i++) {
                    iterations[i] = number(fork.get(i)) * factor;
                }
                forks.add(new Metric.Fork(iterations, List.of()));
            }
        }
        JsonNode confidence = node.path("scoreConfidence");
        return new Metric(number(node.get("score")) * factor, number(node.get("scoreError")) * factor,
                number(confidence.path(0)) * factor, number(confidence.path(1)) * factor, Units.base(unit),
                percentiles, List.copyOf(forks));
    }

    private static Histogram histogram(JsonNode iteration, double factor) {
        double[] values = new double[iteration.size()];
        long[] counts = new long[iteration.size()];
        for (int i = 0; i < iteration.size(); i++) {
            JsonNode pair = iteration.get(i);
            if (!pair.isArray() || pair.size() != 2) {
                throw new IllegalArgumentException("a rawDataHistogram entry that is not a [value, count] pair");
            }
            values[i] = number(pair.get(0)) * factor;
            counts[i] = pair.get(1).asLong();
        }
        return new Histogram(values, counts);
    }

    /** JMH writes NaN and the infinities as strings. */
    private static double number(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return Double.NaN;
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        try {
            return Double.parseDouble(node.asText());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + node.asText() + "' where a number belongs");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("no " + field);
        }
        return value.asText();
    }

    private static JsonNode object(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            throw new IllegalArgumentException("no " + field);
        }
        return value;
    }

    /** "1 s", "200 ms", "500 us" as JMH writes an iteration's length. */
    private static double seconds(String time) {
        String[] parts = time.strip().split("\\s+");
        if (parts.length != 2) {
            return Double.NaN;
        }
        try {
            double value = Double.parseDouble(parts[0]);
            return switch (parts[1]) {
                case "ns" -> value / 1e9;
                case "us", "µs" -> value / 1e6;
                case "ms" -> value / 1e3;
                case "s" -> value;
                case "min" -> value * 60;
                case "hr" -> value * 3600;
                default -> Double.NaN;
            };
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String kind(JsonNode node) {
        return node.isObject() ? "an object with " + (node.isEmpty() ? "no fields" : "fields " + fieldNames(node))
                : "a " + node.getNodeType().toString().toLowerCase();
    }

    private static String fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names.subList(0, Math.min(5, names.size()))) + (names.size() > 5 ? ", ..." : "");
    }
}
