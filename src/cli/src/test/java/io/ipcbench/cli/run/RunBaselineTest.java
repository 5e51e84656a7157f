package io.ipcbench.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipcbench.cli.results.Fixtures;
import io.ipcbench.cli.results.Plant;
import io.ipcbench.cli.usage.CliException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code run} does after the modules: the report of every run, the diff against a baseline.
 * The fake pipe module hands back a real result file, so the report and the diff see real data.
 */
class RunBaselineTest {
    private static final String LIST = "fake benchmark\n";

    @TempDir
    Path root;
    private Path fixtures;
    private FakeRepo repo;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @BeforeEach
    void repository() throws IOException {
        fixtures = Files.createDirectories(root.resolve("fixtures"));
        repo = new FakeRepo(root).module("pipe", LIST);
    }

    /** A profile whose fake pipe module writes {@code result} as its JMH results. */
    private void profileReturning(Path result) throws IOException {
        repo.profile("test", "jmh.args=-f 1\nparam.pipe.result=" + result + "\n");
    }

    private int run(String... options) {
        return repo.run(new PrintStream(console, true), options);
    }

    private Path onlyRunDir() throws IOException {
        return repo.runDirs().getFirst();
    }

    /** The warnings of trials that found another run on their CPUs land in run.json and in the report. */
    @Test
    void cpusSharedWithAnotherRunAreRecordedAndReported() throws IOException {
        // one CPU: a profile value is a comma-separated list
        String warning = "ipcbench: warning: this trial pins to CPUs [1] and so does ipcbench run other (pid 42): CPUs [1] are shared";
        repo.profile("test", "jmh.args=-f 1\nparam.pipe.result=" + Fixtures.copy(Fixtures.QUICK, fixtures).resolve("pipe.json")
                + "\nparam.pipe.cpuSharing=" + warning + "\n");
        assertEquals(0, run());
        Path runDir = onlyRunDir();
        JsonNode module = new ObjectMapper().readTree(runDir.resolve("run.json").toFile()).get("modules").get(0);
        assertEquals(warning, module.get("cpuSharing").get(0).asText());
        assertTrue(Files.readString(runDir.resolve("pipe.log")).contains("fake benchmarks ran in ipcbench run " + runDir.getFileName()
                + " (runner pid " + ProcessHandle.current().pid() + ")"));
        assertFalse(Files.exists(runDir.resolve("pipe.cpu-sharing")), "kept in run.json only");
        assertTrue(Files.readString(runDir.resolve("report.md")).contains("Note: module pipe shared CPUs with another ipcbench run,"
                + " so its numbers may be disturbed: this trial pins to CPUs [1] and so does ipcbench run other (pid 42)"));
    }

    @Test
    void everyRunGetsItsReport() throws IOException {
        profileReturning(Fixtures.copy(Fixtures.QUICK, fixtures).resolve("pipe.json"));
        assertEquals(0, run());
        Path runDir = onlyRunDir();
        assertTrue(Files.isRegularFile(runDir.resolve("report.md")) && Files.isRegularFile(runDir.resolve("report.html")));
        assertTrue(Files.readString(runDir.resolve("report.md")).contains("| PipeLatency.roundTrip | 64 B | 47.9 µs |"));
        assertTrue(console.toString().contains("ipcbench: report in " + runDir.resolve("report.md")), console.toString());
        // and the lessons' verdicts: this run has pipe's results only, so every claim lacks a mechanism
        assertTrue(console.toString().endsWith("ipcbench: the lessons on this run (java --enable-native-access=ALL-UNNAMED -jar"
                + " ipcbench.jar lessons " + runDir + " for their numbers):\n  15 of 15 claims not measured by this run\n"), console.toString());
    }

    @Test
    void theLessonsAMeasuringRunReproducesAreListed() throws IOException {
        Path run = Fixtures.copy(Fixtures.QUICK, fixtures);
        repo.profile("test", "jmh.args=-f 1\nparam.pipe.result=" + run.resolve("pipe.json") + "\nparam.shm.result=" + run.resolve("shm.json") + "\n");
        repo.module("shm", LIST);
        assertEquals(0, run());
        String lessons = console.toString().substring(console.toString().indexOf("ipcbench: the lessons on this run"));
        assertTrue(lessons.contains("\n  1. shm + SEMAPHORE is slower than a pipe at 64 B (round trip p50): "), lessons);
    }

    @Test
    void theDiffAgainstTheBaselinePassesWhenNothingRegressed() throws IOException {
        Path baseline = Fixtures.copy(Fixtures.QUICK, fixtures);
        profileReturning(baseline.resolve("pipe.json"));
        assertEquals(0, run("--baseline=" + baseline));
        Path runDir = onlyRunDir();
        String diff = Files.readString(runDir.resolve("diff.md"));
        assertTrue(diff.contains("8 results compared; 0 changed significantly"), diff);
        assertTrue(diff.contains("### Only in base (77)"), "the baseline's shm results: " + diff);
        assertTrue(Files.isRegularFile(runDir.resolve("diff.html")));
        assertTrue(console.toString().contains("in " + runDir.resolve("diff.md") + ": no regression beyond 10 %"), console.toString());
    }

    @Test
    void aRegressionAgainstTheBaselineFailsTheRun() throws IOException {
        Path baseline = Fixtures.copy(Fixtures.SAME_BUILD_FIRST, fixtures.resolve("base"));
        Path slowed = Fixtures.copy(Fixtures.SAME_BUILD_FIRST, fixtures.resolve("slowed")).resolve("pipe.json");
        Plant.latency(slowed, "io.ipcbench.pipe.PipeLatency.roundTrip", Map.of("size", "65536", "wait", "BUSY_POLL"), 1.3);
        profileReturning(slowed);
        assertEquals(1, run("--baseline=" + baseline));
        assertTrue(console.toString().contains(": 1 regression beyond 10 %"), console.toString());
    }

    @Test
    void aBaselineThatCannotBeReadStopsTheRunBeforeAnythingRuns() throws IOException {
        profileReturning(Fixtures.copy(Fixtures.QUICK, fixtures).resolve("pipe.json"));
        String message = assertThrows(CliException.class, () -> run("--baseline=results/no-such-run")).getMessage();
        assertEquals(root.resolve("results/no-such-run") + ": no such run folder (give a folder made by mvn verify -Pjmh, "
                + "e.g. results/<kernel>/<run id>)", message);
        assertFalse(Files.exists(root.resolve("results")), "nothing ran");
    }

    @Test
    void aRunWithoutResultsStillEndsWithoutAReport() throws IOException {
        repo.profile("test", "jmh.args=-f 1\n");
        assertEquals(0, run());
        assertTrue(console.toString().contains("ipcbench: no report: ") && console.toString().contains("no benchmark results"),
                console.toString());
    }
}
