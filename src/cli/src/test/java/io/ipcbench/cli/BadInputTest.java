package io.ipcbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipcbench.cli.results.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command refuses bad input the same way: exit status 2 and one line that names the file and
 * what is wrong with it, never a stack trace.
 */
class BadInputTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private String refused(String... args) {
        err.reset();
        int status = Main.run(List.of(args), new PrintStream(out, true), new PrintStream(err, true));
        String message = err.toString();
        assertEquals(2, status, message);
        assertFalse(message.contains("Exception") || message.contains("\tat "), "no stack trace: " + message);
        assertEquals(1, message.lines().count(), "one line: " + message);
        return message;
    }

    /** The same bad run, given to each command that reads runs. */
    private List<String> refusedByEveryCommand(Path bad) {
        Path good = Fixtures.copy(Fixtures.QUICK, dir.resolve("good"));
        List<String> messages = new ArrayList<>();
        for (String[] args : List.of(new String[] {"report", bad.toString()}, new String[] {"lessons", bad.toString()},
                new String[] {"diff", good.toString(), bad.toString()}, new String[] {"diff", bad.toString(), good.toString()})) {
            messages.add(refused(args));
        }
        return messages;
    }

    @Test
    void aMissingFolder() {
        for (String message : refusedByEveryCommand(dir.resolve("no-such-run"))) {
            assertTrue(message.contains("no-such-run: no such run folder"), message);
        }
    }

    @Test
    void aFolderWithoutRunJson() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        for (String message : refusedByEveryCommand(empty)) {
            assertTrue(message.contains(empty.resolve("run.json") + ": missing"), message);
        }
    }

    @Test
    void aTruncatedResultFile() throws IOException {
        Path run = Fixtures.copy(Fixtures.QUICK, dir);
        byte[] json = Files.readAllBytes(run.resolve("pipe.json"));
        Files.write(run.resolve("pipe.json"), java.util.Arrays.copyOf(json, json.length / 2));
        for (String message : refusedByEveryCommand(run)) {
            assertTrue(message.contains(run.resolve("pipe.json") + ": truncated JSON"), message);
        }
    }

    @Test
    void aCorruptRunJson() throws IOException {
        Path run = Fixtures.copy(Fixtures.QUICK, dir);
        Files.writeString(run.resolve("run.json"), "{\"runId\": \"x\", \"environment\": {]");
        for (String message : refusedByEveryCommand(run)) {
            assertTrue(message.contains(run.resolve("run.json") + ": not valid JSON (line 1, column"), message);
        }
    }

    @Test
    void jsonFromAnUnrelatedTool() throws IOException {
        Path run = Fixtures.copy(Fixtures.QUICK, dir);
        Files.writeString(run.resolve("shm.json"), "{\"name\": \"left-pad\", \"version\": \"1.3.0\", \"dependencies\": {}}");
        for (String message : refusedByEveryCommand(run)) {
            assertTrue(message.contains(run.resolve("shm.json") + ": not JMH results") && message.contains("fields name, version"), message);
        }
        Files.writeString(run.resolve("shm.json"), "[{\"id\": 1, \"score\": 3}]");
        String message = refused("report", run.toString());
        assertTrue(message.contains(run.resolve("shm.json") + ": not JMH results (element 1: no benchmark"), message);
    }

    @Test
    void aRunJsonFromAnUnrelatedTool() throws IOException {
        Path run = Fixtures.copy(Fixtures.QUICK, dir);
        Files.writeString(run.resolve("run.json"), "[1, 2, 3]");
        for (String message : refusedByEveryCommand(run)) {
            assertTrue(message.contains(run.resolve("run.json") + ": not an ipcbench run record"), message);
        }
    }

    @Test
    void aRunWithoutAnyResult() throws IOException {
        Path run = Fixtures.copy(Fixtures.QUICK, dir);
        Files.delete(run.resolve("pipe.json"));
        Files.delete(run.resolve("shm.json"));
        for (String message : refusedByEveryCommand(run)) {
            assertTrue(message.contains(run + ": no benchmark results in this run: module pipe has no results"), message);
        }
    }

    @Test
    void twoRunsWithNothingInCommon() throws IOException {
        Path pipeOnly = Fixtures.copy(Fixtures.QUICK, dir);
        Files.delete(pipeOnly.resolve("shm.json"));
        Path shmOnly = Fixtures.copy(Fixtures.FLAME, dir);
        Files.delete(shmOnly.resolve("pipe.json"));
        String message = refused("diff", pipeOnly.toString(), shmOnly.toString());
        assertTrue(message.contains(pipeOnly + " and " + shmOnly + " have no benchmark × params in common"), message);
    }

    @Test
    void wrongArguments() {
        assertTrue(refused("report").contains("report takes one run folder"));
        assertTrue(refused("lessons", "a", "b").contains("lessons takes one run folder"));
        assertTrue(refused("diff", dir.toString()).contains("diff needs two run folders"));
        assertTrue(refused("diff", "a", "b", "--html").contains("unknown option '--html'; diff takes --threshold=PCT and --html=FILE; see '"));
        assertTrue(refused("diff", "a", "b", "--threshold=ten").contains("--threshold=ten is not a percentage"));
    }

    @Test
    void thresholdsThatAreNoPercentage() {
        for (String threshold : List.of("ten", "", "-5", "100", "1e400", "NaN", "Infinity", "0x10", "99999999999999999999")) {
            String message = refused("diff", "a", "b", "--threshold=" + threshold);
            assertTrue(message.contains("--threshold=" + threshold + " is not a percentage from 0 to 100"), message);
        }
    }

    @Test
    void anHtmlFileThatCannotBeWritten() {
        Path good = Fixtures.copy(Fixtures.QUICK, dir.resolve("good"));
        Path nowhere = dir.resolve("no-such-folder").resolve("diff.html");
        String message = refused("diff", good.toString(), good.toString(), "--html=" + nowhere);
        assertTrue(message.contains(nowhere + ": cannot write it"), message);
        assertFalse(Files.exists(nowhere.getParent()));
    }

    @Test
    void aHugeArgument() {
        String message = refused("report", "x".repeat(1 << 20));
        assertTrue(message.contains("an argument of 1048576 characters, starting 'xxxxxxxxxxxxxxxxxxxx': arguments are at most 4096"),
                message);
    }
}
