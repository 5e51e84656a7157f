package io.ipcbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** diff on real runs: no false alarm between runs of one build, exactly one alarm for one slowed result. */
class DiffTest {
    private static final String SLOWED = "io.ipcbench.pipe.PipeLatency.roundTrip";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int diff(Path base, Path changed, String... options) {
        List<String> args = new ArrayList<>(List.of("diff", base.toString(), changed.toString()));
        args.addAll(List.of(options));
        return Main.run(args, new PrintStream(out, true), new PrintStream(err, true));
    }

    @Test
    void twoRunsOfTheSameBuildOnTheSameMachineRaiseNoAlarm() {
        Path first = Fixtures.copy(Fixtures.SAME_BUILD_FIRST, dir);
        Path second = Fixtures.copy(Fixtures.SAME_BUILD_SECOND, dir);
        assertEquals(0, diff(first, second), err.toString());
        assertEquals(0, diff(second, first), "nor the other way round: " + err);
        RunDiff diff = RunDiff.of(Run.load(first), Run.load(second));
        assertEquals(8, diff.rows().size());
        // the noise is real: the 64 B busy-polling round trip took 4.15 µs in one run and 2.45 µs in the next, and two
        // rows pass the test, as run-to-run drift lets them; neither change is shown to lie beyond the threshold
        assertTrue(diff.rows().stream().anyMatch(r -> r.timeRatio() < 0.7), "the noise is real");
        assertEquals(2, diff.rows().stream().filter(RowDiff::significant).count());
        for (RowDiff.Outcome claim : List.of(RowDiff.Outcome.REGRESSION, RowDiff.Outcome.IMPROVEMENT)) {
            assertEquals(List.of(), diff.with(claim, DiffCommand.DEFAULT_THRESHOLD));
        }
        assertTrue(out.toString().contains("changed, not clearly beyond 10 %"), out.toString());
    }

    @Test
    void aRunAgainstAnIdenticalCopyChangesNothing() {
        Path a = Fixtures.copy(Fixtures.SAME_BUILD_FIRST, dir.resolve("a"));
        Path b = Fixtures.copy(Fixtures.SAME_BUILD_FIRST, dir.resolve("b"));
        assertEquals(0, diff(a, b));
        RunDiff diff = RunDiff.of(Run.load(a), Run.load(b));
        assertEquals(8, diff.rows().size());
        assertTrue(diff.rows().stream().allMatch(r -> r.p() == 1.0), "every fork ties with its copy");
        assertEquals(1.0, diff.geomean(r -> true, RowDiff::timeRatio), 1e-12);
        assertTrue(out.toString().contains("The two runs were made in the same environment"), out.toString());
    }

    @Test
    void oneForkASideIsNeverSignificant() throws IOException {
        Path a = Fixtures.copy(Fixtures.QUICK, dir.resolve("a"));
        Path b = Fixtures.copy(Fixtures.QUICK, dir.resolve("b"));
        scaleLatency(b.resolve("pipe.json"), SLOWED, "64", "BLOCKING", 1.3);
        assertEquals(0, diff(a, b), "one fork a side cannot show a change from run-to-run noise");
        RunDiff diff = RunDiff.of(Run.load(a), Run.load(b));
        assertEquals(0, diff.rows().stream().filter(r -> !Double.isNaN(r.p())).count());
        assertTrue(out.toString().contains("~ (< 4 forks)"), out.toString());
    }

    /** The one test that edits numbers: a copy of a real run with one result made 30 % slower. */
    @Test
    void oneResultMadeThirtyPercentSlowerIsFlaggedOnThatRowAlone() throws IOException {
        Path base = Fixtures.copy(Fixtures.SAME_BUILD_FIRST, dir.resolve("base"));
        Path slowed = Fixtures.copy(Fixtures.SAME_BUILD_FIRST, dir.resolve("slowed"));
        scaleLatency(slowed.resolve("pipe.json"), SLOWED, "65536", "BUSY_POLL", 1.3);

        assertEquals(1, diff(base, slowed));
        RunDiff diff = RunDiff.of(Run.load(base), Run.load(slowed));
        List<RowDiff> regressions = diff.with(RowDiff.Outcome.REGRESSION, DiffCommand.DEFAULT_THRESHOLD);
        assertEquals(1, regressions.size());
        RowDiff slowedRow = regressions.getFirst();
        assertEquals(SLOWED, slowedRow.base().benchmark());
        assertEquals("65536", slowedRow.base().param("size"));
        assertEquals("BUSY_POLL", slowedRow.base().param("wait"));
        assertEquals(1.3, slowedRow.ratio(), 1e-9);
        assertEquals(2.0 / 252, slowedRow.p(), 1e-12, "every slowed fork beyond every original one");
        assertTrue(slowedRow.interval()[0] > 1.1, "the whole interval beyond the threshold: " + slowedRow.interval()[0]);
        assertEquals(1, diff.rows().stream().filter(RowDiff::significant).count(), "no other row moved");
        String md = out.toString();
        assertTrue(md.contains("**Regression**: pipe PipeLatency.roundTrip size=65536 wait=BUSY_POLL: +30.0 % (p = 0.008)"), md);
        assertTrue(md.contains("| **regression** |"), md);
        assertTrue(err.toString().contains("regressions found (exit status 1)"), err.toString());

        out.reset();
        assertEquals(0, diff(base, slowed, "--threshold=35"), "30 % is within a 35 % threshold");
        try (Stream<Path> files = Files.list(slowed)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().matches("diff-.*\\.html")), "the HTML diff");
        }
    }

    @Test
    void theEnvironmentsSideBySideWithTheirDifferencesMarked() {
        Path quick = Fixtures.copy(Fixtures.QUICK, dir);
        Path flame = Fixtures.copy(Fixtures.FLAME, dir);
        diff(quick, flame);
        String md = out.toString();
        assertTrue(md.contains("| kernel release | 6.18.44-fc-v595 | 6.18.44-fc-v595 |  |"), md);
        assertTrue(md.contains("| profile | **quick** | **flame** | ≠ |"), md);
        assertTrue(md.contains("| commit | **8a40bfbdcab626cf65e5c502be8d616ed80ffbd6 (uncommitted changes)** | **"), md);
        assertFalse(md.contains("### Operating-system costs per operation"), "the quick run has no OS costs to compare");
        assertTrue(md.contains("### Latency percentiles"), md);
    }

    /** Multiplies every latency figure of one result (score, interval, percentiles, every sample) by {@code factor}. */
    static void scaleLatency(Path file, String benchmark, String size, String wait, double factor) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ArrayNode results = (ArrayNode) json.readTree(file.toFile());
        for (JsonNode result : results) {
            JsonNode params = result.path("params");
            if (result.get("benchmark").asText().equals(benchmark) && params.path("size").asText().equals(size)
                    && params.path("wait").asText().equals(wait)) {
                ObjectNode metric = (ObjectNode) result.get("primaryMetric");
                metric.put("score", metric.get("score").asDouble() * factor);
                metric.put("scoreError", metric.get("scoreError").asDouble() * factor);
                ArrayNode confidence = (ArrayNode) metric.get("scoreConfidence");
                for (int i = 0; i < confidence.size(); i++) {
                    confidence.set(i, confidence.get(i).asDouble() * factor);
                }
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
            }
        }
        json.writeValue(file.toFile(), results);
    }
}
