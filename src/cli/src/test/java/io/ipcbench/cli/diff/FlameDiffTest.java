package io.ipcbench.cli.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipcbench.cli.doc.HtmlWriter;
import io.ipcbench.cli.doc.MarkdownWriter;
import io.ipcbench.cli.flame.Collapsed;
import io.ipcbench.cli.flame.FlameTrials;
import io.ipcbench.cli.flame.OpsEstimate;
import io.ipcbench.cli.results.Fixtures;
import io.ipcbench.cli.results.JmhResult;
import io.ipcbench.cli.results.Run;
import io.ipcbench.cli.results.RunLoadTest;
import io.ipcbench.cli.results.Significance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-operation view of two flame runs. */
class FlameDiffTest {
    @TempDir
    Path dir;

    @Test
    void findsBothProcessesProfilesInTheOldAndTheNewFolderNaming() {
        Run run = Run.load(Fixtures.copy(Fixtures.FLAME, dir));
        JmhResult pipe = RunLoadTest.find(run, "io.ipcbench.pipe.PipeLatency.roundTrip", "64");
        assertEquals("collapsed-cpu.csv", FlameTrials.find(run, pipe, false).orElseThrow().file().getFileName().toString());
        FlameTrials.FlameFile peer = FlameTrials.find(run, pipe, true).orElseThrow();
        assertEquals("cpu", peer.event());
        assertTrue(peer.file().getParent().getFileName().toString().contains("-Sampling time-"), peer.file().toString());
    }

    @Test
    void operationsComeFromJmhsRatesAndIterationLengths() {
        Run run = Run.load(Fixtures.copy(Fixtures.FLAME, dir));
        JmhResult pipe = RunLoadTest.find(run, "io.ipcbench.pipe.PipeLatency.roundTrip", "64");
        double expected = 0;
        for (double nsPerOp : pipe.primary().iterations()) {
            expected += 1e9 / nsPerOp; // 1 s iterations
        }
        assertEquals(expected, OpsEstimate.measured(pipe), 1e-6);
        assertEquals(expected * (1 + 2.0 / 3), OpsEstimate.wholeTrial(pipe), 1e-6, "2 warm-up iterations of 1 s, 3 measured");
    }

    @Test
    void inclusiveSamplesCountARecursiveFrameOncePerStack() {
        Run run = Run.load(Fixtures.copy(Fixtures.FLAME, dir));
        JmhResult pipe = RunLoadTest.find(run, "io.ipcbench.pipe.PipeLatency.roundTrip", "64");
        Collapsed profile = Collapsed.read(FlameTrials.find(run, pipe, false).orElseThrow().file());
        String recursive = "Parse::do_call"; // the JIT compiler parsing inlined calls: twice in some stacks
        assertTrue(profile.stacks().keySet().stream().anyMatch(s -> s.indexOf(recursive) != s.lastIndexOf(recursive)));
        long stacksWithIt = profile.stacks().entrySet().stream().filter(e -> e.getKey().contains(recursive))
                .mapToLong(Map.Entry::getValue).sum();
        assertEquals(stacksWithIt, profile.inclusive().get(recursive));
        assertTrue(profile.inclusive().values().stream().allMatch(v -> v <= profile.total()));
    }

    @Test
    void aFlameRunAgainstACopyOfItselfMovesNoFrame() throws IOException {
        Path a = Fixtures.copy(Fixtures.FLAME, dir.resolve("a"));
        Path b = Fixtures.copy(Fixtures.FLAME, dir.resolve("b"));
        DiffCommand.Outcome outcome = DiffCommand.compare(a, b, Significance.DEFAULT_THRESHOLD);
        String md = MarkdownWriter.render(outcome.doc());
        assertEquals(5, md.lines().filter(l -> l.startsWith("### ") && l.endsWith("(cpu)")).count(), md);
        assertTrue(md.contains("### pipe PipeLatency.roundTrip size=64 wait=BLOCKING, peer (cpu)"), md);
        assertTrue(md.lines().filter(l -> l.startsWith("| `")).allMatch(l -> l.contains("| 0 |")), "no frame changed");
        String html = HtmlWriter.render(outcome.doc());
        assertEquals(5, html.split("<summary>differential flame graph", -1).length - 1);
    }

    @Test
    void withFlameGraphsInOneRunOnlyItSaysSo() {
        Path quick = Fixtures.copy(Fixtures.QUICK, dir);
        Path flame = Fixtures.copy(Fixtures.FLAME, dir);
        String md = MarkdownWriter.render(DiffCommand.compare(quick, flame, 0.1).doc());
        assertTrue(md.contains("Only the new run has flame graphs"), md);
    }
}
