package io.ipcbench.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipcbench.cli.usage.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsFolderTest {
    private static final Clock SAME_SECOND = Clock.fixed(Instant.parse("2026-11-22T08:15:03.250Z"), ZoneOffset.UTC);

    @TempDir
    Path results;

    @Test
    void namesTheFolderAfterKernelStartSecondAndProfile() {
        Path runDir = ResultsFolder.createRunDir(results, "6.8.0-test", "quick", SAME_SECOND);
        assertEquals(results.resolve("6.8.0-test/2026-11-22T08-15-03_quick"), runDir);
        assertTrue(Files.isDirectory(runDir));
    }

    @Test
    void runsInTheSameSecondGetTheirOwnFolders() throws IOException {
        Path first = ResultsFolder.createRunDir(results, "6.8.0-test", "quick", SAME_SECOND);
        Files.writeString(first.resolve("run.json"), "first");
        Path second = ResultsFolder.createRunDir(results, "6.8.0-test", "quick", SAME_SECOND);
        Path third = ResultsFolder.createRunDir(results, "6.8.0-test", "quick", SAME_SECOND);
        assertEquals("2026-11-22T08-15-03_quick-2", second.getFileName().toString());
        assertEquals("2026-11-22T08-15-03_quick-3", third.getFileName().toString());
        assertEquals("first", Files.readString(first.resolve("run.json")), "the first run was left alone");
    }

    @Test
    void concurrentRunsNeverShareAFolder() throws Exception {
        int runs = 16;
        try (ExecutorService pool = Executors.newFixedThreadPool(runs)) {
            List<Future<Path>> created = IntStream.range(0, runs).mapToObj(i -> pool.submit(
                    () -> ResultsFolder.createRunDir(results, "6.8.0-test", "smoke", SAME_SECOND))).toList();
            Set<Path> distinct = created.stream().map(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).collect(Collectors.toSet());
            assertEquals(runs, distinct.size());
        }
    }

    @Test
    void aResultsFolderThatCannotBeCreatedIsAClearError() throws IOException {
        // a path under a regular file fails even for root, who ignores permission bits
        Path file = Files.writeString(results.resolve("not-a-folder"), "");
        String message = assertThrows(CliException.class,
                () -> ResultsFolder.createRunDir(file.resolve("results"), "6.8.0-test", "quick", SAME_SECOND)).getMessage();
        assertTrue(message.startsWith("cannot create a run folder in " + file.resolve("results/6.8.0-test")), message);
        assertTrue(message.contains("-Dipcbench.results=DIR"), message);
    }

    @Test
    void aLinkPlantedAtTheNextRunIdIsSkippedNotFollowed(@TempDir Path victimDir) throws IOException {
        Path victim = Files.writeString(victimDir.resolve("victim"), "data");
        Path kernelDir = Files.createDirectories(results.resolve("6.8.0-test"));
        Files.createSymbolicLink(kernelDir.resolve("2026-11-22T08-15-03_quick"), victimDir);
        Path runDir = ResultsFolder.createRunDir(results, "6.8.0-test", "quick", SAME_SECOND);
        assertEquals("2026-11-22T08-15-03_quick-2", runDir.getFileName().toString());
        assertEquals(List.of(victim), Files.list(victimDir).toList(), "nothing was created through the link");
        assertEquals("data", Files.readString(victim));
    }
}
