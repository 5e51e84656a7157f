package io.ipcbench.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipcbench.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A soak profile through the runner, against fake jars holding a fake SoakMain: what runs, what lands where, what is refused. */
class SoakRunTest {
    private static final String LIST = "fake benchmark\n";

    @TempDir
    Path root;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... options) {
        List<String> args = new ArrayList<>(List.of("run", "--root=" + root, "--profile=test"));
        args.addAll(List.of(options));
        return Main.run(args, new PrintStream(out, true), new PrintStream(err, true));
    }

    private FakeRepo repo(String profile) throws IOException {
        return new FakeRepo(root).profile("test", profile).module("pipe", LIST).module("cacheline", LIST);
    }

    @Test
    void runsEachModulesSoakAndWritesTheSummaryNextToRunJson() throws IOException {
        FakeRepo repo = repo("soak.messages=1000\nsoak.sizes=2\n");
        assertEquals(0, run(), err.toString());
        Path runDir = repo.runDirs().getFirst();
        String log = Files.readString(runDir.resolve("pipe.log"));
        assertTrue(log.contains("fake soak ran with: pipe 1000 2 " + runDir.resolve("pipe.soak.md")), log);
        assertFalse(Files.exists(runDir.resolve("cacheline.log")), "the in-process floors have no soak");
        String summary = Files.readString(runDir.resolve("soak.md"));
        assertTrue(summary.contains("## Soak: pipe") && summary.contains("pipe: 1000 messages, every message verified"), summary);
        assertTrue(out.toString().contains(summary), "the summary is printed: " + out);
        JsonNode module = new ObjectMapper().readTree(runDir.resolve("run.json").toFile()).get("modules").get(0);
        assertEquals("pipe.soak.md", module.get("resultFile").asText());
        assertEquals(0, module.get("exitStatus").asInt());
        assertEquals("1000", new ObjectMapper().readTree(runDir.resolve("run.json").toFile())
                .path("profile").path("contents").path("soak.messages").asText());
    }

    @Test
    void aFailedSoakFailsTheRunAndIsNamedInTheSummary() throws IOException {
        FakeRepo repo = repo("soak.messages=1000\n").module("broken", LIST);
        assertEquals(1, run());
        String summary = Files.readString(repo.runDirs().getFirst().resolve("soak.md"));
        assertTrue(summary.contains("## Soak: broken\n\nNo summary: exit status 3, see broken.log"), summary);
        assertTrue(summary.contains("## Soak: pipe"), summary);
        assertTrue(out.toString().contains("1 of 2 modules failed: broken (exit status 3"), out.toString());
    }

    @Test
    void reportLessonsAndDiffSayASoakRunIsNotABenchmarkRun() throws IOException {
        FakeRepo repo = repo("soak.messages=1000\n");
        assertEquals(0, run());
        Path runDir = repo.runDirs().getFirst();
        for (List<String> command : List.of(List.of("report", runDir.toString()), List.of("lessons", runDir.toString()),
                List.of("diff", runDir.toString(), runDir.toString()))) {
            err.reset();
            assertEquals(2, Main.run(command, new PrintStream(out, true), new PrintStream(err, true)), command.toString());
            assertEquals("ipcbench: " + runDir + ": a soak run (data integrity, no benchmark results): its summary is "
                    + runDir.resolve("soak.md") + "; report, lessons and diff read benchmark runs\n", err.toString());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "soak.messages=0|soak.messages=0 is not allowed; soak.messages is the verified messages per mechanism, a whole number from 1 to 10000000000",
            "soak.messages=-5|soak.messages=-5 is not allowed",
            "soak.messages=ten|soak.messages=ten is not allowed",
            "soak.messages=10000000001|soak.messages=10000000001 is not allowed",
            "soak.messages=99999999999999999999999|soak.messages=99999999999999999999999 is not allowed",
            "soak.messages=1000\\nsoak.sizes=0|soak.sizes=0 is not allowed; it is 'all' or how many sizes each variant runs, a whole number from 1 to 9",
            "soak.messages=1000\\nsoak.sizes=10|soak.sizes=10 is not allowed",
            "soak.messages=1000\\nsoak.sizes=most|soak.sizes=most is not allowed",
            "soak.sizes=2|soak.sizes is set but soak.messages is not",
            "soak.messages=1000\\njmh.args=-f 1|a soak profile runs no JMH, so jmh.args does not apply; its keys are soak.messages, soak.sizes, modules",
            "soak.messages=1000\\nparam.size=64|a soak profile runs no JMH, so param.size does not apply",
            "soak.messages=1000\\nmodules=cacheline|module cacheline has no soak: its floors run in one process"})
    void badSoakProfilesAreRefusedInOneLineBeforeAnythingRuns(String profile, String expected) throws IOException {
        repo(profile.replace("\\n", "\n"));
        assertEquals(2, run(), err.toString());
        assertTrue(err.toString().contains(expected), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertFalse(Files.exists(root.resolve("results")), "nothing was created");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"--bench=Latency|--bench", "--jmh=-prof gc|--jmh", "--flame=cpu|--flame",
            "--baseline=results/x|--baseline"})
    void jmhOptionsWithASoakAreRefusedBeforeAnythingRuns(String option, String named) throws IOException {
        repo("soak.messages=1000\n");
        assertEquals(2, run(option), err.toString());
        assertEquals("ipcbench: " + named + " cannot be used with profile test, a soak (it runs no JMH); drop it or choose another profile\n",
                err.toString());
        assertFalse(Files.exists(root.resolve("results")), "nothing was created");
    }
}
