package io.ipcbench.cli.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipcbench.cli.Main;
import io.ipcbench.cli.results.Fixtures;
import io.ipcbench.cli.results.Plant;
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
 * diff on real runs: what two runs of one build differ by, regressions planted into the second of them (not into a
 * copy without noise), stalls that move a round trip's mean and nothing else.
 */
class DiffTest {
    private static final String LATENCY = "io.ipcbench.pipe.PipeLatency.roundTrip";
    private static final String THROUGHPUT = "io.ipcbench.pipe.PipeThroughput.oneWay";
    private static final double THRESHOLD = Significance.DEFAULT_THRESHOLD;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int diff(Path base, Path changed, String... options) {
        List<String> args = new ArrayList<>(List.of("diff", base.toString(), changed.toString()));
        args.addAll(List.of(options));
        return Main.run(args, new PrintStream(out, true), new PrintStream(err, true));
    }

    /** "PipeLatency.roundTrip size=64 wait=BLOCKING p99" for every deciding figure of the diff with that outcome. */
    private static List<String> figures(RunDiff diff, RowDiff.Outcome outcome) {
        return diff.rows().stream().flatMap(r -> r.deciding().stream().filter(f -> f.outcome(THRESHOLD) == outcome)
                .map(f -> r.base().shortName() + " size=" + r.base().param("size") + " wait=" + r.base().param("wait") + " "
                        + f.name())).toList();
    }

    @Test
    void twoRunsOfTheSameBuildDifferInOneTailAndNowhereElse() {
        Path first = Fixtures.copy(Fixtures.SAME_BUILD_FIRST, dir);
        Path second = Fixtures.copy(Fixtures.SAME_BUILD_SECOND, dir);
        RunDiff diff = RunDiff.of(Run.load(first), Run.load(second));
        assertEquals(8, diff.rows().size());
        // the noise is real: the 64 B busy-polling round trip's p50 was 2.41 µs in one run and 1.59 µs in the next
        assertTrue(diff.rows().stream().anyMatch(r -> r.timeRatio() < 0.7), "the noise is real");
        // the one figure beyond the threshold: the 64 B blocking round trip's p99, 172 to 759 µs in the forks of the
        // first run, 88 to 144 µs in those of the second: the machine's tail moved between two runs of one build, every
        // fork of one run beyond every fork of the other; the gate reports it as it would a kernel's doing
        String tail = "PipeLatency.roundTrip size=64 wait=BLOCKING p99";
        assertEquals(List.of(tail), figures(diff, RowDiff.Outcome.IMPROVEMENT));
        assertEquals(List.of(), figures(diff, RowDiff.Outcome.REGRESSION));
        assertEquals(0, diff(first, second), err.toString());
        RunDiff back = RunDiff.of(Run.load(second), Run.load(first));
        assertEquals(List.of(tail), figures(back, RowDiff.Outcome.REGRESSION));
        assertEquals(List.of(), figures(back, RowDiff.Outcome.IMPROVEMENT));
        assertEquals(1, diff(second, first), "the other way round, the same tail fails the gate: " + err);
        assertTrue(out.toString().contains("**Regression**: pipe PipeLatency.roundTrip size=64 wait=BLOCKING p99: +229.2 % [+47.4 %, +635.4 %] (p = 0.008)"),
                out.toString());
        // two means change significantly (p = 0.016) and decide nothing
        List<RowDiff.Figure> means = diff.rows().stream().flatMap(r -> r.shownOnly().stream()).toList();
        assertEquals(4, means.size());
        assertEquals(2, means.stream().filter(RowDiff.Figure::significant).count());
    }

    @Test
    void aRunAgainstAnIdenticalCopyChangesNothing() {
        Path a = Fixtures.copy(Fixtures.SAME_BUILD_FIRST, dir.resolve("a"));
        Path b = Fixtures.copy(Fixtures.SAME_BUILD_FIRST, dir.resolve("b"));
        assertEquals(0, diff(a, b));
        RunDiff diff = RunDiff.of(Run.load(a), Run.load(b));
        assertEquals(8, diff.rows().size());
        assertTrue(diff.rows().stream().flatMap(r -> r.figures().stream()).allMatch(f -> f.p() == 1.0),
                "every fork ties with its copy, in every figure");
        assertEquals(1.0, diff.geomean(r -> true, RowDiff::timeRatio), 1e-12);
        assertTrue(out.toString().contains("The two runs were made in the same environment"), out.toString());
    }

    @Test
    void oneForkASideIsNeverSignificant() {
        Path a = Fixtures.copy(Fixtures.QUICK, dir.resolve("a"));
        Path b = Fixtures.copy(Fixtures.QUICK, dir.resolve("b"));
        Plant.latency(b.resolve("pipe.json"), LATENCY, Map.of("size", "64"), 1.3);
        assertEquals(0, diff(a, b), "one fork a side cannot show a change from run-to-run noise");
        RunDiff diff = RunDiff.of(Run.load(a), Run.load(b));
        assertEquals(0, diff.rows().stream().flatMap(r -> r.figures().stream()).filter(f -> !Double.isNaN(f.p())).count());
        assertTrue(out.toString().contains("~ (< 4 forks)"), out.toString());
    }

    /**
     * The classic pipe round trip 30 % slower in every sample and a stream 30 % slower, planted into the second of two
     * real runs of one build: the statistics must find them through the noise the two runs really have, and nothing
     * else. The round trip is the row whose mean one fork's stalls carry (the first run's fifth fork: mean 138 µs, p50
     * 55 µs), so a diff that decided round trips on their mean would miss it.
     */
    @Test
    void regressionsPlantedIntoTheSecondRealRunAreFlaggedOnTheirRowsAlone() throws IOException {
        Path base = Fixtures.copy(Fixtures.SAME_BUILD_FIRST, dir.resolve("base"));
        Path slowed = Fixtures.copy(Fixtures.SAME_BUILD_SECOND, dir.resolve("slowed"));
        Map<String, String> classic = Map.of("size", "64", "wait", "BLOCKING");
        Plant.latency(slowed.resolve("pipe.json"), LATENCY, classic, 1.3);
        Plant.score(slowed.resolve("pipe.json"), THROUGHPUT, classic, 0.7);

        assertEquals(1, diff(base, slowed));
        RunDiff diff = RunDiff.of(Run.load(base), Run.load(slowed));
        assertEquals(List.of("PipeThroughput.oneWay size=64 wait=BLOCKING score", "PipeLatency.roundTrip size=64 wait=BLOCKING p50"),
                figures(diff, RowDiff.Outcome.REGRESSION));
        // that round trip's tail moved between the two real runs (see above), 3× down: 1.3× slower it is still lower
        assertEquals(List.of("PipeLatency.roundTrip size=64 wait=BLOCKING p99"), figures(diff, RowDiff.Outcome.IMPROVEMENT));
        List<RowDiff> regressions = diff.with(RowDiff.Outcome.REGRESSION, THRESHOLD);
        assertEquals(2, regressions.size());
        for (RowDiff row : regressions) {
            RowDiff.Figure headline = row.headline();
            assertEquals(2.0 / 252, headline.p(), 1e-12, row.base().shortName() + ": every slowed fork beyond every original one");
            assertTrue(headline.timeInterval()[0] > 1 + THRESHOLD, row.base().shortName() + ": the whole interval beyond the threshold");
        }
        RowDiff.Figure mean = regressions.get(1).shownOnly().getFirst();
        assertEquals(RowDiff.Outcome.NOT_SIGNIFICANT, mean.outcome(THRESHOLD), "the mean, carried by stalls, misses it");
        String md = out.toString();
        assertTrue(md.contains("**Regression**: pipe PipeLatency.roundTrip size=64 wait=BLOCKING p50: +"), md);
        assertTrue(md.contains("**Regression**: pipe PipeThroughput.oneWay size=64 wait=BLOCKING: -30."), md);
        assertTrue(md.contains("| **regression** |"), md);
        assertTrue(err.toString().contains("regressions found (exit status 1)"), err.toString());
        try (Stream<Path> files = Files.list(slowed)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().matches("diff-.*\\.html")), "the HTML diff");
        }
    }

    /**
     * What makes a round trip's mean useless for a gate: about ten round trips of 100 ms in each iteration of ten
     * thousand (0.1 % of the samples: a thread descheduled now and then) double the mean of a 90 µs round trip and leave
     * its p50 and p99 where they were. The mean shows it; the gate does not fail.
     */
    @Test
    void stallsThatMoveOnlyTheMeanFailNothing() {
        Path base = Fixtures.copy(Fixtures.SAME_BUILD_FIRST, dir.resolve("base"));
        Path stalled = Fixtures.copy(Fixtures.SAME_BUILD_SECOND, dir.resolve("stalled"));
        Plant.stalls(stalled.resolve("pipe.json"), LATENCY, Map.of("size", "65536", "wait", "BLOCKING"), 100e6, 10);

        RunDiff diff = RunDiff.of(Run.load(base), Run.load(stalled));
        RowDiff row = diff.rows().stream().filter(r -> r.base().benchmark().equals(LATENCY)
                && r.base().param("size").equals("65536") && r.base().param("wait").equals("BLOCKING")).findFirst().orElseThrow();
        RowDiff.Figure mean = row.shownOnly().getFirst();
        assertEquals("mean", mean.name());
        assertTrue(mean.ratio() > 1.5, "the stalls carry the mean: " + mean.ratio());
        assertEquals(RowDiff.Outcome.REGRESSION, mean.outcome(THRESHOLD), "a gate on the mean would fail");
        assertEquals(List.of(RowDiff.Outcome.NOT_SIGNIFICANT, RowDiff.Outcome.NOT_SIGNIFICANT),
                row.deciding().stream().map(f -> f.outcome(THRESHOLD)).toList(), "p50 and p99 did not move");
        assertEquals(List.of(), figures(diff, RowDiff.Outcome.REGRESSION));
        assertEquals(0, diff(base, stalled), err.toString());
        assertTrue(out.toString().contains("### Round-trip means (shown, never tested for the gate)"), out.toString());
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
        assertTrue(md.contains("| shm ShmLatency.roundTrip size=64 capacity=1 layout=PADDED sync=SPIN | p99 |"), md);
    }
}
