package io.ipcbench.cli.run;

import io.ipcbench.cli.usage.CliException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A soak's summary: every module's, in soak.md beside run.json, and on the console. */
final class SoakSummary {
    private SoakSummary() {
    }

    /** Returns the exit status, 0: status 1 comes from the failed modules. */
    static int write(Path runDir, RunRecord record, PrintStream console) {
        StringBuilder summary = new StringBuilder("# ipcbench soak: " + record.runId() + "\n\n");
        for (ModuleRun run : record.modules()) {
            Path file = runDir.resolve(run.resultFile());
            try {
                summary.append(Files.isRegularFile(file) ? Files.readString(file) : "## Soak: " + run.module()
                        + "\n\nNo summary: exit status " + run.exitStatus() + ", see " + run.logFile() + "\n").append('\n');
            } catch (IOException e) {
                throw new CliException("cannot read " + file + " (" + e + ")");
            }
        }
        Path soakMd = runDir.resolve("soak.md");
        try {
            Files.writeString(soakMd, summary);
        } catch (IOException e) {
            throw new CliException("cannot write " + soakMd + " (" + e + "); the results folder must stay writable");
        }
        console.print(summary);
        console.println("ipcbench: soak summary in " + soakMd);
        return 0;
    }
}
