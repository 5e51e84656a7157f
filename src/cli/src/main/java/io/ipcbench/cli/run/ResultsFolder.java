package io.ipcbench.cli.run;

import io.ipcbench.cli.usage.CliException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Creates the folder of one run, {@code <results>/<kernel release>/<run id>/}, where the run id is the
 * UTC start second and the profile, e.g. {@code 2026-11-22T08-15-03_quick}. Runs are compared across
 * kernels and machines, so a run never overwrites another: the folder is claimed with an atomic
 * create, and a taken id gets {@code -2}, {@code -3}, ... (two runs started in the same second).
 */
final class ResultsFolder {
    private static final DateTimeFormatter SECOND =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss").withZone(ZoneOffset.UTC);

    private ResultsFolder() {
    }

    static Path createRunDir(Path results, String kernelRelease, String profile, Clock clock) {
        Path kernelDir = results.resolve(kernelRelease);
        String runId = SECOND.format(clock.instant()) + "_" + profile;
        try {
            Files.createDirectories(kernelDir);
            for (int n = 1; ; n++) {
                Path runDir = kernelDir.resolve(n == 1 ? runId : runId + "-" + n);
                try {
                    return Files.createDirectory(runDir);
                } catch (FileAlreadyExistsException taken) {
                    // another run owns this id; try the next suffix
                }
            }
        } catch (IOException e) {
            throw new CliException("cannot create a run folder in " + kernelDir + " (" + e + "); choose a writable "
                    + "results folder with -Dipcbench.results=DIR (or --results=DIR)");
        }
    }
}
