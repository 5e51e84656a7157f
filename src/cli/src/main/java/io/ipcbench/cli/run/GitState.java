package io.ipcbench.cli.run;

import io.ipcbench.cli.results.RunInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The commit a run measured. A dirty tree means the results come from code no commit holds, which
 * a later diff between runs needs to know.
 *
 * @param commit HEAD, or "unknown" outside a git checkout (or before the first commit)
 * @param dirty  uncommitted changes present, or null when git cannot tell
 */
record GitState(String commit, Boolean dirty) {

    static GitState of(Path root) {
        String commit = git(root, "rev-parse", "HEAD").orElse(RunInfo.UNKNOWN);
        Boolean dirty = git(root, "status", "--porcelain").map(out -> !out.isEmpty()).orElse(null);
        return new GitState(commit, dirty);
    }

    /** The trimmed output of a git command, or empty when git is missing or fails. */
    private static Optional<String> git(Path root, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(args));
        try {
            Process git = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(git.getInputStream().readAllBytes()).strip();
            return git.waitFor() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
