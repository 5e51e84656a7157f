package io.ipcbench.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipcbench.cli.results.Fixtures;
import io.ipcbench.cli.usage.CliException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole run against fake benchmark jars: what runs, in which order, what lands in the run folder. */
class RunCommandTest {
    private static final String PROFILE = """
            jmh.args=-f 1 -wi 0 -i 1
            param.size=64,1024
            param.pinning=cross-core
            """;
    private static final String LIST = "fake benchmark\n";

    @TempDir
    Path root;
    private FakeRepo repo;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @BeforeEach
    void repository() throws IOException {
        repo = new FakeRepo(root).profile("test", PROFILE);
    }

    private int run(String... options) {
        return repo.run(new PrintStream(console, true), options);
    }

    private Path onlyRunDir() throws IOException {
        List<Path> all = repo.runDirs();
        assertEquals(1, all.size(), all.toString());
        return all.getFirst();
    }

    @Test
    void runsEveryModuleEvenAfterOneFailsAndReportsTheFailure() throws IOException {
        repo.profile("test", PROFILE + "param.broken.fail=true\n").module("broken", LIST).module("good", LIST);
        assertEquals(1, run("--jmh=-prof gc"));
        Path runDir = onlyRunDir();
        assertTrue(Files.exists(runDir.resolve("good.json")));
        assertTrue(Files.readString(runDir.resolve("good.log")).contains("fake benchmarks ran with: -f 1 -wi 0 -i 1 "
                + "-prof gc -foe true -rf json -rff " + runDir.resolve("good.json") + " -p pinning=cross-core -p size=64,1024"));
        String goodLog = Files.readString(runDir.resolve("good.log"));
        // JMH's forks inherit these: native access, and no sun.misc.Unsafe warning from JMH on JDK 25
        assertTrue(goodLog.contains("fake benchmarks' JVM options: --enable-native-access=ALL-UNNAMED"
                + " --sun-misc-unsafe-memory-access=allow\n"), goodLog);
        assertTrue(goodLog.contains("\"end\" : null"), "run.json is written before the modules run: " + goodLog);
        assertTrue(goodLog.contains("\"exitStatus\" : 3"), "and rewritten after each module: " + goodLog);
        assertTrue(console.toString().contains("1 of 2 modules failed: broken (exit status 3"), console.toString());
        // the console shows a failed module's last lines, and nothing else of a module's output
        assertTrue(console.toString().contains("ipcbench: the last lines of " + runDir.resolve("broken.log") + ":\n  "),
                console.toString());
        assertFalse(console.toString().contains("fake benchmarks ran with: -f 1 -wi 0 -i 1 -prof gc -foe true -rf json -rff "
                + runDir.resolve("good.json")), console.toString());
        assertTrue(console.toString().contains("results of profile test are in " + runDir), console.toString());

        JsonNode modules = new ObjectMapper().readTree(runDir.resolve("run.json").toFile()).get("modules");
        assertEquals("broken", modules.get(0).get("module").asText());
        assertEquals(3, modules.get(0).get("exitStatus").asInt());
        assertTrue(modules.get(0).get("jmhArgs").toString().contains("\"fail=true\""));
        assertEquals(0, modules.get(1).get("exitStatus").asInt());
        assertEquals("good.json", modules.get(1).get("resultFile").asText());
        assertEquals("jmh/good/target/benchmarks.jar", modules.get(1).get("jar").asText());
        assertEquals("1.37", modules.get(1).get("jmhVersion").asText());
        assertTrue(modules.get(1).get("durationSeconds").asDouble() > 0);
    }

    @Test
    void theConsoleSaysWhereTheTrialsMeasureAndThatNoHousekeepingCpuIsLeftBeforeAnythingRuns() throws IOException {
        // the fake jars plan as on a machine of two CPUs (see io.ipcbench.bench.ParamCheck in the tests)
        repo.profile("test", PROFILE + "param.b.pinning=same-core\n").module("a", LIST).module("b", LIST);
        assertEquals(0, run());
        String out = console.toString();
        int running = out.indexOf("ipcbench: running a:");
        int crossCore = out.indexOf("ipcbench: pinning=cross-core: measuring on CPU 0 (benchmark) and CPU 1 (peer); no housekeeping CPU");
        int warning = out.indexOf("ipcbench: warning: pinning=cross-core leaves no housekeeping CPU on this machine");
        int sameCore = out.indexOf("ipcbench: pinning=same-core: measuring on CPU 1 (benchmark and peer); every other thread");
        assertTrue(crossCore >= 0 && warning > crossCore && sameCore >= 0 && running > warning && running > sameCore, out);
        assertFalse(out.contains("warning: pinning=cross-core, same-core"), "same-core leaves CPU 0: " + out);
    }

    @Test
    void theConsoleNamesTheResultsWhoseForksRanInTwoModes() throws IOException {
        Path result = Fixtures.copy(Fixtures.SAME_BUILD_FIRST, root).resolve("pipe.json");
        repo.profile("test", PROFILE + "param.pipe.result=" + result + "\n").module("pipe", LIST);
        assertEquals(0, run());
        String out = console.toString();
        assertTrue(out.contains("ipcbench: 1 result ran in two modes across forks (PipeLatency.roundTrip pinning=cross-core size=64"
                + " wait=BUSY_POLL), 0 of them with the CPU probe telling the modes apart"), out);
    }

    @Test
    void runsTheAskedModulesInTheAskedOrderWithTheIncludeRegex() throws IOException {
        repo.module("a", LIST).module("b", LIST).module("c", LIST);
        assertEquals(0, run("--modules=c,a", "--bench=.*roundTrip"));
        Path runDir = onlyRunDir();
        assertFalse(Files.exists(runDir.resolve("b.log")));
        String out = console.toString();
        assertTrue(out.indexOf("running c:") < out.indexOf("running a:"), out);
        assertTrue(Files.readAllLines(runDir.resolve("a.log")).getFirst().endsWith("size=64,1024 .*roundTrip"));
    }

    @Test
    void anUnknownModuleListsTheAvailableOnesBeforeAnythingRuns() throws IOException {
        repo.module("pipe", LIST).unbuiltModule("shm");
        String message = assertThrows(CliException.class, () -> run("--modules=pipe,fifo")).getMessage();
        assertTrue(message.startsWith("module 'fifo' was asked for"), message);
        assertTrue(message.contains("built jmh/<module>/target/benchmarks.jar: pipe; not built: shm"), message);
        assertFalse(Files.exists(root.resolve("results")), "nothing ran, nothing was created");
    }

    @Test
    void aJarWithoutBenchmarkListFailsBeforeAnythingRuns() throws IOException {
        repo.module("good", LIST).module("noList", null);
        String message = assertThrows(CliException.class, this::run).getMessage();
        assertTrue(message.contains("noList/target/benchmarks.jar has no benchmarks (META-INF/BenchmarkList"), message);
        assertFalse(Files.exists(root.resolve("results")));
    }

    @Test
    void aParamForAModuleThatDoesNotExistIsAnError() throws IOException {
        repo.profile("test", PROFILE + "param.shn.sync=SPIN\n").module("shm", LIST);
        String message = assertThrows(CliException.class, this::run).getMessage();
        assertTrue(message.contains("sets params for [shn], which are not modules under jmh/"), message);
    }

    @Test
    void anUnwritableResultsFolderFailsBeforeAnythingRuns() throws IOException {
        repo.module("good", LIST);
        Path file = Files.writeString(root.resolve("file"), "");
        String message = assertThrows(CliException.class, () -> run("--results=" + file.resolve("r"))).getMessage();
        assertTrue(message.startsWith("cannot create a run folder in " + file.resolve("r")), message);
        assertFalse(console.toString().contains("running"), console.toString());
    }
}
