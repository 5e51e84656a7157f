package io.ipcbench.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipcbench.cli.Main;
import io.ipcbench.cli.results.Run;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real run of the smoke profile stopped with SIGTERM part-way: its run.json says it was
 * interrupted, the module that finished stays readable, report and diff say so in one line, and
 * no process of the run and no object in /dev/shm is left.
 */
class RunInterruptedTest {
    /** Bounds a hang, not a speed: the smoke run of one module takes well under a minute even on one busy CPU. */
    private static final long EXIT_BOUND_MINUTES = 10;

    @TempDir
    Path results;

    @Test
    void aRunStoppedPartWayIsMarkedInterruptedAndLeavesNothing() throws Exception {
        // this build's CLI, from its classes (its jar is packaged after the tests)
        Process cli = new ProcessBuilder(RunCommand.javaLauncher(), "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "run", "--root=" + BuiltJars.REPOSITORY,
                "--profile=smoke", "--modules=pipe,signal", "--bench=Latency", "--results=" + results)
                .redirectErrorStream(true).start();
        List<String> console = new ArrayList<>();
        List<ProcessHandle> processes = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(cli.getInputStream()))) {
            for (String line; (line = out.readLine()) != null; ) {
                console.add(line);
                // the second module has started: stop the run there, as a person would with kill or Ctrl-C
                if (line.startsWith("ipcbench: running signal: ")) {
                    processes.add(cli.toHandle());
                    processes.addAll(cli.descendants().toList());
                    cli.toHandle().destroy(); // SIGTERM; Process.destroy would also close our end of its output
                }
            }
            assertTrue(cli.waitFor(EXIT_BOUND_MINUTES, TimeUnit.MINUTES), "the run ends once stopped");
        }
        assertFalse(processes.isEmpty(), "the second module started: " + console);
        for (ProcessHandle process : processes) {
            assertTrue(process.onExit().thenApply(p -> true).get(EXIT_BOUND_MINUTES, TimeUnit.MINUTES) && !process.isAlive(),
                    "left running: " + process.pid() + " " + process.info().commandLine().orElse(""));
        }
        try (Stream<Path> shm = Files.list(Path.of("/dev/shm"))) {
            List<String> left = shm.map(p -> p.getFileName().toString())
                    .filter(name -> processes.stream().anyMatch(p -> name.contains("ipcbench-" + p.pid() + "-"))).toList();
            assertEquals(List.of(), left, "objects of the stopped run left in /dev/shm");
        }

        Path runDir;
        try (Stream<Path> kernels = Files.list(results); Stream<Path> runs = Files.list(kernels.findFirst().orElseThrow())) {
            runDir = runs.findFirst().orElseThrow();
        }
        JsonNode record = new ObjectMapper().readTree(runDir.resolve("run.json").toFile());
        assertTrue(record.path("interrupted").isTextual(), "marked interrupted: " + record.path("interrupted"));
        assertTrue(record.path("end").isNull(), "no end: " + record.path("end"));
        assertEquals(2, record.path("modules").size(), record.toString());
        assertEquals(0, record.path("modules").get(0).path("exitStatus").asInt(-1), "pipe finished");
        assertFalse(record.path("modules").get(1).path("exitStatus").asInt(-1) == 0, "signal did not finish");

        Run run = Run.load(runDir);
        assertEquals(List.of("pipe"), run.modules(), "the finished module is readable, the stopped one left out");
        String note = run.interruptedNote().orElseThrow();
        assertTrue(note.startsWith("this run was interrupted at " + record.path("interrupted").asText()
                + " (SIGTERM or Ctrl-C): only pipe finished and is reported; signal did not finish and is left out"), note);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, Main.run(List.of("report", runDir.toString()), new PrintStream(out, true), new PrintStream(err, true)), err.toString());
        assertTrue(out.toString().contains("\nipcbench: note: " + note + "\n"), out.toString());
        assertTrue(Files.readString(runDir.resolve("report.md")).contains(note), "the report's notes");
        out.reset();
        Main.run(List.of("diff", runDir.toString(), runDir.toString()), new PrintStream(out, true), new PrintStream(err, true));
        assertTrue(err.toString().contains("ipcbench: note: " + runDir + ": " + note + "\n"), err.toString());
        assertTrue(out.toString().contains("**Interrupted run** " + run.id() + ": " + note), out.toString());
    }
}
