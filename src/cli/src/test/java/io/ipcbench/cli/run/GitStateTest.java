package io.ipcbench.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitStateTest {
    @TempDir
    Path dir;

    @Test
    void outsideACheckoutEverythingIsUnknown() {
        assertEquals(new GitState("unknown", null), GitState.of(dir));
    }

    @Test
    void recordsTheCommitAndWhetherTheTreeIsDirty() throws Exception {
        git("init", "-q");
        Files.writeString(dir.resolve("a.txt"), "a");
        git("add", "a.txt");
        git("-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-q", "-m", "first");
        GitState clean = GitState.of(dir);
        assertTrue(clean.commit().matches("[0-9a-f]{40}"), clean.commit());
        assertEquals(Boolean.FALSE, clean.dirty());

        Files.writeString(dir.resolve("a.txt"), "changed");
        assertEquals(new GitState(clean.commit(), true), GitState.of(dir));
    }

    @Test
    void aRepositoryWithoutCommitsHasNoCommitButKnowsItIsDirty() throws Exception {
        git("init", "-q");
        Files.writeString(dir.resolve("a.txt"), "a");
        assertEquals(new GitState("unknown", true), GitState.of(dir));
    }

    private void git(String... args) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        assertEquals(0, new ProcessBuilder(command).inheritIO().start().waitFor(), String.join(" ", command));
    }
}
