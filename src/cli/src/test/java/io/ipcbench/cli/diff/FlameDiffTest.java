package io.ipcbench.cli.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipcbench.cli.doc.HtmlWriter;
import io.ipcbench.cli.doc.MarkdownWriter;
import io.ipcbench.cli.flame.Collapsed;
import io.ipcbench.cli.flame.DiffFlameGraph;
import io.ipcbench.cli.flame.FlameTrials;
import io.ipcbench.cli.flame.OpsEstimate;
import io.ipcbench.cli.results.Fixtures;
import io.ipcbench.cli.results.JmhResult;
import io.ipcbench.cli.results.Run;
import io.ipcbench.cli.results.RunLoadTest;
import io.ipcbench.cli.results.Significance;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-operation view of two flame runs, and the differential flame graphs async-profiler's converter draws of them. */
class FlameDiffTest {
    private static final Pattern LINK = Pattern.compile("<a href=\"([^\"#]+)\">");

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
        Collapsed profile = pipeProfile();
        String recursive = "Parse::do_call"; // the JIT compiler parsing inlined calls: twice in some stacks
        assertTrue(profile.stacks().keySet().stream().anyMatch(s -> s.indexOf(recursive) != s.lastIndexOf(recursive)));
        long stacksWithIt = profile.stacks().entrySet().stream().filter(e -> e.getKey().contains(recursive))
                .mapToLong(Map.Entry::getValue).sum();
        assertEquals(stacksWithIt, profile.inclusive().get(recursive));
        assertTrue(profile.inclusive().values().stream().allMatch(v -> v <= profile.total()));
    }

    /** The JVM's addresses of hidden classes change from run to run: dropped, the same code matches across runs. */
    @Test
    void hiddenClassAddressesAreDroppedSoTheSameCodeMatchesAcrossRuns() throws IOException {
        Path file = Files.writeString(dir.resolve("collapsed-cpu.csv"), """
                start;java/lang/invoke/LambdaForm$MH.0x0000000085080800.invoke_[j];Foo$$Lambda/0x00007f8177090218;write 3
                start;java/lang/invoke/LambdaForm$MH.0x000000008507bc00.invoke_[j];Foo$$Lambda/0x00007f81770a0000;write 4
                start;jdk/internal/foreign/abi/DowncallStub.0x000000008506a800.invoke;read 5
                """);
        Collapsed profile = Collapsed.read(file);
        assertEquals(Map.of(List.of("start", "java/lang/invoke/LambdaForm$MH.invoke_[j]", "Foo$$Lambda", "write"), 7L,
                List.of("start", "jdk/internal/foreign/abi/DowncallStub.invoke", "read"), 5L), profile.stacks());
    }

    /**
     * Twice the samples over twice the operations is the same cost per operation: normalised, the converter
     * finds no frame changed, where its raw --diff would call every frame twice as costly.
     */
    @Test
    void aProfileTwiceAsLongOverTwiceTheOperationsChangesNoFrame() {
        Collapsed base = pipeProfile();
        Map<List<String>, Long> doubled = new LinkedHashMap<>();
        base.stacks().forEach((stack, samples) -> doubled.put(stack, 2 * samples));
        String html = DiffFlameGraph.html("same cost per operation", base, 1e5, new Collapsed(doubled), 2e5);
        assertTrue(html.contains("Produced by <a href='https://github.com/async-profiler/async-profiler'>async-profiler</a>"), "the converter's page");
        assertTrue(html.contains("<h1>same cost per operation</h1>"), "titled");
        assertTrue(html.contains("const maxdiff = 0;"), "no frame changed per operation");
        assertFalse(html.lines().anyMatch(l -> l.startsWith("d=")), "no frame carries a difference");

        String raw = DiffFlameGraph.html("the same operation count", base, 1e5, new Collapsed(doubled), 1e5);
        assertFalse(raw.contains("const maxdiff = 0;"), "the same stacks over the same operations, twice the samples: changed");
        assertTrue(raw.lines().anyMatch(l -> l.matches("d=[1-9][0-9]*")), "grown frames, red");
    }

    @Test
    void aFrameThatGrewPerOperationIsTheOneMarked() {
        Collapsed base = pipeProfile();
        Map<List<String>, Long> grown = new LinkedHashMap<>(base.stacks());
        List<String> stack = List.of("start_thread", "zz_planted_grown_frame_[k]");
        grown.put(stack, 1000L);
        String html = DiffFlameGraph.html("one frame grew", base, 1e5, new Collapsed(grown), 1e5);
        assertTrue(html.contains("grown_frame'"), "the new frame is drawn");
        assertTrue(html.contains("d=U"), "a frame the base lacks is marked new");
    }

    @Test
    void aFlameRunAgainstACopyOfItselfMovesNoFrameAndLinksEveryGraph() throws IOException {
        Path a = Fixtures.copy(Fixtures.FLAME, dir.resolve("a"));
        Path b = Fixtures.copy(Fixtures.FLAME, dir.resolve("b"));
        Path page = b.resolve("diff.html");
        DiffCommand.Outcome outcome = DiffCommand.compare(Run.load(a), Run.load(b), Significance.DEFAULT_THRESHOLD, page);
        String md = MarkdownWriter.render(outcome.doc());
        assertEquals(5, md.lines().filter(l -> l.startsWith("### ") && l.endsWith("(cpu)")).count(), md);
        assertTrue(md.contains("### pipe PipeLatency.roundTrip size=64 wait=BLOCKING, peer (cpu)"), md);
        assertTrue(md.lines().filter(l -> l.startsWith("| `")).allMatch(l -> l.contains("| 0 |")), "no frame changed");
        String html = HtmlWriter.render(outcome.doc());
        Files.writeString(page, html);
        List<Path> graphs = linked(page, html).stream().filter(p -> p.startsWith(b.resolve("diff-flame"))).toList();
        assertEquals(5, graphs.size(), "a differential graph per profiled process: " + graphs);
        for (Path graph : graphs) {
            assertTrue(Files.readString(graph).contains("const maxdiff = 0;"), graph + ": no frame changed per operation");
        }
    }

    @Test
    void anEmptyProfileIsSkippedSayingWhichFileAndWhy() throws IOException {
        Path a = Fixtures.copy(Fixtures.FLAME, dir.resolve("a"));
        Path b = Fixtures.copy(Fixtures.FLAME, dir.resolve("b"));
        Run changed = Run.load(b);
        Path emptied = FlameTrials.find(changed, RunLoadTest.find(changed, "io.ipcbench.pipe.PipeLatency.roundTrip", "64"), false)
                .orElseThrow().file();
        Files.writeString(emptied, "");
        String md = MarkdownWriter.render(DiffCommand.compare(Run.load(a), changed, 0.1, b.resolve("diff.html")).doc());
        assertEquals(4, md.lines().filter(l -> l.startsWith("### ") && l.endsWith("(cpu)")).count(), md);
        assertTrue(md.contains("Skipped: `" + emptied + "` is empty (its process's flame dump failed)."), md);
    }

    @Test
    void pooledSidesAddTheirRunsSamplesAndOperations() throws IOException {
        List<Path> base = List.of(Fixtures.copy(Fixtures.FLAME, dir.resolve("a1")), Fixtures.copy(Fixtures.FLAME, dir.resolve("a2")));
        List<Path> changed = List.of(Fixtures.copy(Fixtures.FLAME, dir.resolve("b1")), Fixtures.copy(Fixtures.FLAME, dir.resolve("b2")));
        Path page = dir.resolve("pooled.html");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DiffCommand.pooled(base, changed, 0.1, Optional.of(page), new PrintStream(out), new PrintStream(new ByteArrayOutputStream()));
        String md = out.toString();
        assertTrue(md.contains("the samples and the operations of the side's runs added up"), md);
        assertEquals(5, md.lines().filter(l -> l.startsWith("### ") && l.endsWith("(cpu)")).count(), md);
        assertTrue(md.lines().filter(l -> l.startsWith("| `")).allMatch(l -> l.contains("| 0 |")), "no frame changed");
        List<Path> graphs = linked(page, Files.readString(page)).stream().filter(p -> p.startsWith(dir.resolve("pooled-flame"))).toList();
        assertEquals(5, graphs.size(), graphs.toString());
    }

    @Test
    void withFlameGraphsInOneRunOnlyItSaysSo() {
        Path quick = Fixtures.copy(Fixtures.QUICK, dir);
        Path flame = Fixtures.copy(Fixtures.FLAME, dir);
        String md = MarkdownWriter.render(DiffCommand.compare(Run.load(quick), Run.load(flame), 0.1, flame.resolve("diff.html")).doc());
        assertTrue(md.contains("Only the new side has flame graphs"), md);
    }

    /** Every file the page links to, each of which must exist. */
    private static List<Path> linked(Path page, String html) {
        List<Path> files = new ArrayList<>();
        for (Matcher links = LINK.matcher(html); links.find(); ) {
            Path file = page.getParent().resolve(URLDecoder.decode(links.group(1), StandardCharsets.UTF_8)).normalize();
            assertTrue(Files.isRegularFile(file), "the link to " + file + " resolves");
            files.add(file);
        }
        return files;
    }

    private Collapsed pipeProfile() {
        Run run = Run.load(Fixtures.copy(Fixtures.FLAME, dir));
        JmhResult pipe = RunLoadTest.find(run, "io.ipcbench.pipe.PipeLatency.roundTrip", "64");
        return Collapsed.read(FlameTrials.find(run, pipe, false).orElseThrow().file());
    }
}
