package io.ipcbench.cli.lessons;

import static io.ipcbench.cli.lessons.Verdict.Status.NOT_MEASURED;
import static io.ipcbench.cli.lessons.Verdict.Status.NOT_REPRODUCED;
import static io.ipcbench.cli.lessons.Verdict.Status.REPRODUCED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ipcbench.cli.results.Fixtures;
import io.ipcbench.cli.results.Plant;
import io.ipcbench.cli.results.Run;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fan-in bandwidth claim on constructed runs: each fan-in made of the pipe's real stream results (five forks,
 * 64 B and 64 KiB), renamed and scaled, so the ranking and the noise are real numbers' and the verdict follows the order.
 */
class FanInBandwidthTest {
    private static final String PIPE_STREAM = "io.ipcbench.pipe.PipeThroughput.oneWay";

    @TempDir
    Path dir;

    /**
     * A fan-in of {@code module} at 8 producers (and 2, at 64 B only), every rate the pipe's times {@code factor}: the
     * largest common point is then 8 producers at 64 KiB, whatever the rates at 2.
     */
    private static void fanIn(Path run, JsonNode pipe, String module, String benchmark, double factor) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ArrayNode results = json.createArrayNode();
        for (JsonNode result : pipe) {
            if (!result.get("benchmark").asText().equals(PIPE_STREAM) || !result.path("params").path("wait").asText().equals("BLOCKING")) {
                continue;
            }
            for (String producers : List.of("2", "8")) {
                if (producers.equals("2") && !result.path("params").path("size").asText().equals("64")) {
                    continue;
                }
                ObjectNode copy = result.deepCopy();
                copy.put("benchmark", "io.ipcbench." + module + "." + benchmark + ".fanIn");
                ObjectNode params = (ObjectNode) copy.get("params");
                params.remove("wait");
                params.put("producers", producers);
                results.add(copy);
            }
        }
        Path file = run.resolve(module + ".json");
        json.writeValue(file.toFile(), results);
        for (JsonNode result : results) {
            Plant.score(file, "io.ipcbench." + module + "." + benchmark + ".fanIn", Map.of("producers", result.path("params").path("producers").asText(),
                    "size", result.path("params").path("size").asText()), factor);
        }
    }

    private Run run(Map<String, Double> factors) throws IOException {
        Path run = Fixtures.copy(Fixtures.SAME_BUILD_FIRST, dir.resolve("run-" + factors.hashCode()));
        Map<String, String> benchmarks = Map.of("shm", "ShmFanIn", "uds", "UdsFanIn", "mqueue", "MqueueFanIn", "pipe", "PipeFanIn");
        JsonNode pipe = new ObjectMapper().readTree(run.resolve("pipe.json").toFile());
        for (Map.Entry<String, Double> factor : factors.entrySet()) {
            fanIn(run, pipe, factor.getKey(), benchmarks.get(factor.getKey()), factor.getValue());
        }
        Fixtures.listModules(run, factors.keySet().toArray(String[]::new));
        return Run.load(run);
    }

    @Test
    void theClaimedOrderIsReproducedAndThePipeRankedAmongThem() throws IOException {
        Verdict verdict = new FanInBandwidth().check(run(Map.of("shm", 100.0, "uds", 10.0, "mqueue", 1.0, "pipe", 5.0)));
        assertEquals(REPRODUCED, verdict.status(), verdict.measured());
        assertTrue(verdict.measured().matches("8 producers, 64 KiB: shm [\\d.]+ GB/s \\(shm ShmFanIn.fanIn producers=8 size=65536;"
                + " claimed ~18 GB/s\\) > uds .* > pipe .* > mqueue .*; shm / uds 10.0× .*; uds / mqueue 10.0× .*"), verdict.measured());
    }

    @Test
    void aMissingFanInIsNamedAndTheOthersStillJudged() throws IOException {
        Verdict verdict = new FanInBandwidth().check(run(Map.of("shm", 1.0, "mqueue", 100.0)));
        assertEquals(NOT_REPRODUCED, verdict.status(), verdict.measured());
        assertTrue(verdict.measured().endsWith("not measured: uds, pipe"), verdict.measured());
    }

    @Test
    void oneFanInAloneMeasuresNothing() throws IOException {
        Verdict verdict = new FanInBandwidth().check(run(Map.of("shm", 1.0, "pipe", 1.0)));
        assertEquals(NOT_MEASURED, verdict.status(), verdict.measured());
        assertEquals("fan-in measured for shm, pipe; not measured: uds, mqueue", verdict.measured());
    }

    /** The pair claims read one pair of processes: a fan-in's results never stand in for a stream's. */
    @Test
    void thePairClaimsIgnoreFanInResults() throws IOException {
        Run run = run(Map.of("shm", 100.0, "mqueue", 1.0));
        assertTrue(Pick.all(run, "shm", false, Map.of()).isEmpty());
        assertEquals(NOT_MEASURED, new ShmPullsAhead(false).check(run).status());
    }
}
