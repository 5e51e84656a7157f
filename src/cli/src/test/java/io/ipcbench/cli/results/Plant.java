package io.ipcbench.cli.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Changes planted into a copy of a real run's JMH JSON, one result at a time, for the tests that must
 * know what changed: every figure JMH wrote for the result moves together (score, interval,
 * percentiles, every sample), so the result reads as if it had been measured so.
 */
public final class Plant {
    private Plant() {
    }

    /** Multiplies every latency of the result (score, interval, percentiles, every sample) by {@code factor}. */
    public static void latency(Path file, String benchmark, Map<String, String> params, double factor) {
        edit(file, benchmark, params, metric -> {
            scaleScore(metric, factor);
            ObjectNode percentiles = (ObjectNode) metric.get("scorePercentiles");
            for (Map.Entry<String, JsonNode> p : percentiles.properties()) {
                percentiles.put(p.getKey(), p.getValue().asDouble() * factor);
            }
            for (JsonNode fork : metric.get("rawDataHistogram")) {
                for (JsonNode iteration : fork) {
                    for (JsonNode pair : iteration) {
                        ((ArrayNode) pair).set(0, pair.get(0).asDouble() * factor);
                    }
                }
            }
        });
    }

    /** Multiplies the score of a result that JMH did not sample (a rate, or an AverageTime): score, interval, every iteration. */
    public static void score(Path file, String benchmark, Map<String, String> params, double factor) {
        edit(file, benchmark, params, metric -> {
            scaleScore(metric, factor);
            for (JsonNode fork : metric.get("rawData")) {
                for (int i = 0; i < fork.size(); i++) {
                    ((ArrayNode) fork).set(i, fork.get(i).asDouble() * factor);
                }
            }
        });
    }

    /**
     * Adds to every iteration of the result {@code count} sampled round trips of {@code stallNs} each, as a descheduled
     * thread adds them, and recomputes the score (the mean) and the percentiles JMH reports from the samples.
     */
    public static void stalls(Path file, String benchmark, Map<String, String> params, double stallNs, int count) {
        edit(file, benchmark, params, metric -> {
            List<Histogram> all = new ArrayList<>();
            for (JsonNode fork : metric.get("rawDataHistogram")) {
                for (JsonNode iteration : fork) {
                    ((ArrayNode) iteration).addArray().add(stallNs).add(count);
                    all.add(histogram(iteration));
                }
            }
            Histogram merged = Histogram.merge(all);
            metric.put("score", merged.mean());
            ObjectNode percentiles = (ObjectNode) metric.get("scorePercentiles");
            for (Map.Entry<String, JsonNode> p : percentiles.properties()) {
                percentiles.put(p.getKey(), merged.percentile(Double.parseDouble(p.getKey())));
            }
        });
    }

    private static Histogram histogram(JsonNode iteration) {
        double[] values = new double[iteration.size()];
        long[] counts = new long[iteration.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = iteration.get(i).get(0).asDouble();
            counts[i] = iteration.get(i).get(1).asLong();
        }
        return new Histogram(values, counts);
    }

    private static void scaleScore(ObjectNode metric, double factor) {
        metric.put("score", metric.get("score").asDouble() * factor);
        metric.put("scoreError", metric.get("scoreError").asDouble() * factor);
        ArrayNode confidence = (ArrayNode) metric.get("scoreConfidence");
        for (int i = 0; i < confidence.size(); i++) {
            confidence.set(i, confidence.get(i).asDouble() * factor);
        }
    }

    /** Applies {@code change} to the primary metric of the one result with this benchmark and these params. */
    private static void edit(Path file, String benchmark, Map<String, String> params, Consumer<ObjectNode> change) {
        try {
            ObjectMapper json = new ObjectMapper();
            ArrayNode results = (ArrayNode) json.readTree(file.toFile());
            int edited = 0;
            for (JsonNode result : results) {
                boolean matches = result.get("benchmark").asText().equals(benchmark) && params.entrySet().stream()
                        .allMatch(e -> result.path("params").path(e.getKey()).asText().equals(e.getValue()));
                if (matches) {
                    change.accept((ObjectNode) result.get("primaryMetric"));
                    edited++;
                }
            }
            if (edited != 1) {
                throw new IllegalArgumentException(file + ": " + edited + " results of " + benchmark + " " + params + ", not one");
            }
            json.writeValue(file.toFile(), results);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
