package io.ipcbench.cli.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipcbench.cli.Main;
import io.ipcbench.cli.results.Fixtures;
import io.ipcbench.cli.results.Plant;
import io.ipcbench.cli.results.ReferenceRuns;
import io.ipcbench.cli.results.Run;
import io.ipcbench.cli.results.Significance;
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

/**
 * diff with several runs a side, on real runs: a row is flagged only when every pairing of a base run with a new run
 * flags it, so drift between runs of one build, beyond the threshold in one pairing, is not flagged.
 */
class PooledDiffTest {
    private static final String LATENCY = "io.ipcbench.pipe.PipeLatency.roundTrip";
    private static final String THROUGHPUT = "io.ipcbench.pipe.PipeThroughput.oneWay";
    private static final double THRESHOLD = Significance.DEFAULT_THRESHOLD;
    private static final Map<String, String> CLASSIC = Map.of("size", "64", "wait", "BLOCKING");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int diff(Object... args) {
        List<String> all = new ArrayList<>(List.of("diff"));
        Stream.of(args).map(String::valueOf).forEach(all::add);
        return Main.run(all, new PrintStream(out, true), new PrintStream(err, true));
    }

    private static List<Run> load(Path... runs) {
        return Stream.of(runs).map(Run::load).toList();
    }

    /** "PipeLatency.roundTrip size=64 wait=BLOCKING" for every row of the pooled diff with that outcome. */
    private static List<String> rows(PooledDiff diff, RowDiff.Outcome outcome) {
        return diff.with(outcome, THRESHOLD).stream().map(r -> r.result().shortName() + " size=" + r.result().param("size")
                + " wait=" + r.result().param("wait")).toList();
    }

    @Test
    void aTailBeyondTheThresholdInOnePairingOnlyIsNotFlagged() {
        Path second = Fixtures.copy(Fixtures.SAME_BUILD_SECOND, dir.resolve("b"));
        Path first = Fixtures.copy(Fixtures.SAME_BUILD_FIRST, dir.resolve("n1"));
        Path secondAgain = Fixtures.copy(Fixtures.SAME_BUILD_SECOND, dir.resolve("n2"));
        // one to one, the 64 B blocking round trip's p99 moved between two runs of one build and fails the gate (DiffTest)
        assertEquals(1, diff(second, first), err.toString());
        PooledDiff pooled = PooledDiff.of(load(second), load(first, secondAgain));
        PooledDiff.Row tail = pooled.rows().stream().filter(r -> r.result().key().contains("BLOCKING")
                && r.result().benchmark().equals(LATENCY) && r.result().param("size").equals("64")).findFirst().orElseThrow();
        assertEquals(1, tail.pairingsWith(RowDiff.Outcome.REGRESSION, THRESHOLD), "a regression in one pairing of two");
        assertEquals(List.of(), rows(pooled, RowDiff.Outcome.REGRESSION));
        assertEquals(List.of(), rows(pooled, RowDiff.Outcome.IMPROVEMENT));
        out.reset();
        assertEquals(0, diff(second, "--", first, secondAgain), err.toString());
        assertTrue(out.toString().contains("not in every pairing"), out.toString());
        assertTrue(out.toString().contains("Base runs: " + Run.load(second).id()), out.toString());
    }

    @Test
    void aChangeBeyondTheThresholdInEveryPairingIsFlagged() throws IOException {
        Path first = Fixtures.copy(Fixtures.SAME_BUILD_FIRST, dir.resolve("a1"));
        Path second = Fixtures.copy(Fixtures.SAME_BUILD_SECOND, dir.resolve("a2"));
        Path firstSlowed = Fixtures.copy(Fixtures.SAME_BUILD_FIRST, dir.resolve("b1"));
        Path secondSlowed = Fixtures.copy(Fixtures.SAME_BUILD_SECOND, dir.resolve("b2"));
        for (Path slowed : List.of(firstSlowed, secondSlowed)) {
            Plant.latency(slowed.resolve("pipe.json"), LATENCY, CLASSIC, 1.3);
            Plant.score(slowed.resolve("pipe.json"), THROUGHPUT, CLASSIC, 0.7);
        }
        PooledDiff pooled = PooledDiff.of(load(first, second), load(firstSlowed, secondSlowed));
        assertEquals(4, pooled.pairings().size());
        assertEquals(List.of("PipeLatency.roundTrip size=64 wait=BLOCKING", "PipeThroughput.oneWay size=64 wait=BLOCKING"),
                rows(pooled, RowDiff.Outcome.REGRESSION).stream().sorted().toList());
        for (PooledDiff.Row row : pooled.with(RowDiff.Outcome.REGRESSION, THRESHOLD)) {
            assertEquals(1.3, row.pooledTimeRatio(), 0.5, row.result().shortName() + ": the pooled change is the planted one, within the drift");
            assertTrue(row.timeRatioRange()[0] > 1 + THRESHOLD, row.result().shortName() + ": every pairing beyond the threshold");
        }
        assertEquals(1, diff(first, second, "--", firstSlowed, secondSlowed), err.toString());
        assertTrue(out.toString().contains("**Regression**: pipe PipeLatency.roundTrip"), out.toString());
        assertTrue(out.toString().contains("only when it is one in every pairing"), out.toString());
        Path page = secondSlowed.resolve("diff-pooled-" + Run.load(first).id() + ".html");
        assertTrue(Files.readString(page).contains("New runs: "), "the page names the runs of each side");
    }

    /**
     * A/A on the committed compare runs of two kernel builds: one to one they differ in many rows (docs/results.md), so
     * with both runs on both sides each row that regressed in one pairing improved in the reverse one and stayed put in
     * the two pairings of a run with itself: nothing is flagged.
     */
    @Test
    void theSameRunsOnBothSidesFlagNothing() {
        Path older = ReferenceRuns.copy("6.18.44-fc-v595/2026-11-22T12-29-09_compare", dir.resolve("a"));
        Path newer = ReferenceRuns.copy(ReferenceRuns.COMPARE, dir.resolve("b"));
        PooledDiff pooled = PooledDiff.of(load(older, newer), load(older, newer));
        assertTrue(pooled.pairings().get(1).with(RowDiff.Outcome.REGRESSION, THRESHOLD).size() > 0, "the two builds' runs differ one to one");
        assertEquals(List.of(), rows(pooled, RowDiff.Outcome.REGRESSION));
        assertEquals(List.of(), rows(pooled, RowDiff.Outcome.IMPROVEMENT));
        for (PooledDiff.Row row : pooled.rows()) {
            assertEquals(1.0, row.pooledTimeRatio(), 1e-12, row.result().key());
        }
        assertEquals(0, diff(older, newer, "--", older, newer), err.toString());
        PooledDiff same = PooledDiff.of(load(newer), load(newer, newer));
        assertEquals(List.of(), same.rows().stream().filter(r -> r.outcome(THRESHOLD) != RowDiff.Outcome.NOT_SIGNIFICANT).toList());
    }

    @Test
    void rowsMissingFromSomeRunsAreListed() throws IOException {
        Path a = Fixtures.copy(Fixtures.SAME_BUILD_FIRST, dir.resolve("a"));
        Path b1 = Fixtures.copy(Fixtures.SAME_BUILD_SECOND, dir.resolve("b1"));
        Path b2 = Fixtures.copy(Fixtures.SAME_BUILD_SECOND, dir.resolve("b2"));
        Path json = b2.resolve("pipe.json");
        String text = Files.readString(json);
        Files.writeString(json, text.replace("\"io.ipcbench.pipe.PipeThroughput.oneWay\"", "\"io.ipcbench.pipe.PipeThroughput.renamed\""));
        PooledDiff pooled = PooledDiff.of(load(a), load(b1, b2));
        assertTrue(pooled.missing().keySet().stream().anyMatch(k -> k.contains("PipeThroughput.oneWay")), pooled.missing().toString());
        assertTrue(pooled.missing().values().stream().allMatch(runs -> !runs.isEmpty()));
        assertEquals(0, diff(a, "--", b1, b2), err.toString());
        assertTrue(out.toString().contains("Missing from some runs"), out.toString());
    }

    @Test
    void badInputIsOneLineAndExitStatus2() throws IOException {
        Path a = Fixtures.copy(Fixtures.SAME_BUILD_FIRST, dir.resolve("a"));
        Path b = Fixtures.copy(Fixtures.SAME_BUILD_SECOND, dir.resolve("b"));
        Path quick = ReferenceRuns.copy(ReferenceRuns.QUICK, dir.resolve("q"));
        Path compare = ReferenceRuns.copy(ReferenceRuns.COMPARE, dir.resolve("c"));
        Path notARun = Files.createDirectories(dir.resolve("empty"));
        refused("at least one run folder on each side", "--", a, b);
        refused("at least one run folder on each side", a, b, "--");
        refused("got 3 without '--'", a, b, a);
        refused("mix profiles (quick, compare)", quick, compare, "--", compare, compare);
        refused(notARun.toString(), a, "--", notARun);
        refused("name " + a + " twice", a, a, "--", b);
        refused("name " + b.resolve(".") + " twice", a, "--", b, b.resolve("."));
        refused("one '--'", a, "--", b, "--", a);
    }

    private void refused(String expected, Object... args) {
        out.reset();
        err.reset();
        assertEquals(2, diff(args), err.toString());
        String message = err.toString();
        assertTrue(message.contains(expected), message);
        assertEquals(1, message.lines().count(), message);
    }
}
