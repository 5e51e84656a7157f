package io.ipcbench.cli.run;

import io.ipcbench.cli.diff.DiffCommand;
import io.ipcbench.cli.diff.RowDiff;
import io.ipcbench.cli.doc.HtmlWriter;
import io.ipcbench.cli.doc.MarkdownWriter;
import io.ipcbench.cli.lessons.Lessons;
import io.ipcbench.cli.report.ForkModes;
import io.ipcbench.cli.report.ReportCommand;
import io.ipcbench.cli.results.Fmt;
import io.ipcbench.cli.results.Run;
import io.ipcbench.cli.results.Significance;
import io.ipcbench.cli.usage.CliException;
import io.ipcbench.cli.usage.Usage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Every run gets its report, and the lessons' verdicts on the console; a run with a baseline gets the diff against it (diff.md, diff.html)
 * and exit status 1 when a result regressed beyond the threshold, so that CI can gate on it.
 */
final class ReportAndDiff {
    private ReportAndDiff() {
    }

    /** Returns the exit status: 1 when a result regressed beyond the threshold, 2 when the baseline could not be diffed. */
    static int write(Path runDir, Optional<Path> baselineRun, PrintStream console) {
        try {
            Path report = ReportCommand.write(runDir);
            console.println("ipcbench: report in " + report + " and " + report.resolveSibling("report.html"));
            Run run = Run.load(runDir);
            ForkModes.summary(run).ifPresent(split -> console.println("ipcbench: " + split));
            console.println("ipcbench: the lessons on this run (" + Usage.LAUNCHER + " lessons " + runDir + " for their numbers):");
            Lessons.verdicts(run).forEach(line -> console.println("  " + line));
        } catch (CliException e) {
            console.println("ipcbench: no report: " + e.getMessage());
        }
        if (baselineRun.isEmpty()) {
            return 0;
        }
        Path baseline = baselineRun.get();
        try {
            DiffCommand.Outcome diff = DiffCommand.compare(Run.load(baseline), Run.load(runDir), Significance.DEFAULT_THRESHOLD,
                    runDir.resolve("diff.html"));
            DiffCommand.write(runDir.resolve("diff.md"), MarkdownWriter.render(diff.doc()));
            DiffCommand.write(runDir.resolve("diff.html"), HtmlWriter.render(diff.doc()));
            int regressions = diff.diff().with(RowDiff.Outcome.REGRESSION, Significance.DEFAULT_THRESHOLD).size();
            console.println("ipcbench: diff against " + baseline + " in " + runDir.resolve("diff.md") + ": "
                    + (regressions == 0 ? "no regression" : regressions + " regression" + (regressions == 1 ? "" : "s"))
                    + " beyond " + Fmt.num(Significance.DEFAULT_THRESHOLD * 100) + " %");
            return diff.exitStatus();
        } catch (CliException e) {
            console.println("ipcbench: no diff against the baseline: " + e.getMessage());
            return 2;
        }
    }
}
