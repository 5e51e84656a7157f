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
        Path a = Fixtures.copy(Fixtures.SMOKE_A, dir);
        Path b = Fixtures.copy(Fixtures.SMOKE_B, dir);
        assertEquals(0, diff(a, b), err.toString());
        RunDiff diff = RunDiff.of(Run.load(a), Run.load(b));
        assertEquals(4, diff.rows().size());
        // one 200 ms iteration each: pipe throughput at 64 KiB moved by -63 % between the two runs, and still
        // nothing is called significant, because one iteration a side cannot show a difference from noise
        assertTrue(diff.rows().stream().anyMatch(r -> r.ratio() < 0.5), "the noise is real");
        assertEquals(0, diff.rows().stream().filter(RowDiff::significant).count());
        assertTrue(diff.with(RowDiff.Outcome.REGRESSION, DiffCommand.DEFAULT_THRESHOLD).isEmpty());
        assertTrue(out.toString().contains("~ (too few iterations)"), out.toString());
        assertTrue(out.toString().contains("### Only in new (" + diff.onlyInNew().size() + ")"), out.toString());
    }

    @Test
    void aRunAgainstAnIdenticalCopyChangesNothing() {
        Path a = Fixtures.copy(Fixtures.QUICK, dir.resolve("a"));
        Path b = Fixtures.copy(Fixtures.QUICK, dir.resolve("b"));
        assertEquals(0, diff(a, b));
        RunDiff diff = RunDiff.of(Run.load(a), Run.load(b));
        assertEquals(85, diff.rows().size());
        assertEquals(0, diff.rows().stream().filter(RowDiff::significant).count());
        assertEquals(1.0, diff.geomean(r -> true, RowDiff::timeRatio), 1e-12);
        assertTrue(out.toString().contains("The two runs were made in the same environment"), out.toString());
    }

    /** The one test that edits numbers: a copy of a real run with one result made 30 % slower. */
    @Test
    void oneResultMadeThirtyPercentSlowerIsFlaggedOnThatRowAlone() throws IOException {
        Path base = Fixtures.copy(Fixtures.QUICK, dir.resolve("base"));
        Path slowed = Fixtures.copy(Fixtures.QUICK, dir.resolve("slowed"));
        scaleLatency(slowed.resolve("pipe.json"), SLOWED, "64", 1.3);

        assertEquals(1, diff(base, slowed));
        RunDiff diff = RunDiff.of(Run.load(base), Run.load(slowed));
        List<RowDiff> regressions = diff.with(RowDiff.Outcome.REGRESSION, DiffCommand.DEFAULT_THRESHOLD);
        assertEquals(1, regressions.size());
        assertEquals(SLOWED, regressions.getFirst().base().benchmark());
        assertEquals("64", regressions.getFirst().base().param("size"));
        assertEquals(1.3, regressions.getFirst().ratio(), 1e-9);
        assertEquals(1, diff.rows().stream().filter(RowDiff::significant).count(), "no other row moved");
        String md = out.toString();
        assertTrue(md.contains("**Regression**: pipe PipeLatency.roundTrip size=64: +30.0 % (p = 0.050)"), md);
        assertTrue(md.contains("| **regression** |"), md);
        assertTrue(err.toString().contains("regressions found (exit status 1)"), err.toString());

        out.reset();
        assertEquals(0, diff(base, slowed, "--threshold=35"), "30 % is within a 35 % threshold");
        String html = Files.readString(slowed.resolve("diff-2026-11-22T08-15-16_quick.html"));
        assertTrue(html.contains("<svg") && html.contains("<circle"), "the ratio plot");
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
    static void scaleLatency(Path file, String benchmark, String size, double factor) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ArrayNode results = (ArrayNode) json.readTree(file.toFile());
        for (JsonNode result : results) {
            if (result.get("benchmark").asText().equals(benchmark) && result.path("params").path("size").asText().equals(size)) {
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
