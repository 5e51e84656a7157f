package io.ipcbench.cli.report;

import io.ipcbench.cli.doc.Doc;
import io.ipcbench.cli.doc.HtmlWriter;
import io.ipcbench.cli.doc.MarkdownWriter;
import io.ipcbench.cli.lessons.Lessons;
import io.ipcbench.cli.results.Run;
import io.ipcbench.cli.usage.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code report RUN}: report.md and report.html in the run folder, with the plots as PNG files in
 * {@code plots/} (embedded in the HTML, so that file alone can be mailed or attached).
 */
public final class ReportCommand {
    static final String PLOTS = "plots";

    private ReportCommand() {
    }

    /** Returns report.md's path. */
    public static Path write(Path runDir) {
        Run run = Run.load(runDir);
        Doc doc = new Doc("ipcbench report: " + run.id());
        doc.add(EnvironmentSection.of(run));

        doc.heading(2, "Plots");
        List<String> notes = new ArrayList<>();
        List<Chart> charts = new ArrayList<>(SizeCharts.of(run));
        FloorChart.of(run, notes).ifPresent(charts::add);
        charts.addAll(ParamCharts.of(run));
        for (Chart chart : charts) {
            doc.image(PLOTS + "/" + chart.file(), chart.title(), chart.png());
        }
        notes.forEach(doc::para);

        doc.heading(2, "Results");
        for (String module : run.modules()) {
            doc.add(ResultTables.of(module, run.ofModule(module), Floors.of(run).timer()));
        }
        doc.add(FloorTable.of(run));
        doc.add(ForkModes.section(run));
        doc.add(Lessons.table(run));

        try {
            Path plots = Files.createDirectories(runDir.resolve(PLOTS));
            for (Chart chart : charts) {
                Files.write(plots.resolve(chart.file()), chart.png());
            }
            Path markdown = runDir.resolve("report.md");
            Files.writeString(markdown, MarkdownWriter.render(doc));
            Files.writeString(runDir.resolve("report.html"), HtmlWriter.render(doc));
            return markdown;
        } catch (IOException e) {
            throw new CliException(runDir + ": cannot write the report there (" + e.getMessage() + ")");
        }
    }
}
