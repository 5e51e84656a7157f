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

    private static void images(Doc doc, List<Chart> charts) {
        charts.forEach(chart -> doc.image(PLOTS + "/" + chart.file(), chart.title(), chart.png()));
    }

    /**
     * Returns report.md's path. The report opens with the run's summary and a table of contents; then the
     * mechanisms side by side and against the floors, each module's plots beside its tables, the forks in two
     * modes, the lessons, and the environment in full.
     */
    public static Path write(Path runDir) {
        Run run = Run.load(runDir);
        Doc doc = new Doc("ipcbench report: " + run.id());
        doc.add(Summary.of(run)).contents();
        doc.add(MechanismChoice.section(run));

        List<Chart> charts = new ArrayList<>(SizeCharts.of(run));
        doc.heading(2, "Mechanisms side by side");
        images(doc, charts);
        doc.heading(3, "Against the floors");
        List<String> notes = new ArrayList<>();
        FloorChart.of(run, notes).ifPresent(floor -> {
            charts.add(floor);
            images(doc, List.of(floor));
        });
        notes.forEach(doc::para);
        doc.add(FloorTable.of(run));

        doc.heading(2, "Results by module");
        for (String module : run.modules()) {
            doc.heading(3, "Module `" + module + "`");
            List<Chart> moduleCharts = ParamCharts.of(run, module);
            charts.addAll(moduleCharts);
            images(doc, moduleCharts);
            doc.add(ResultTables.of(run, module, Floors.of(run).timer()));
        }
        doc.add(ForkModes.section(run));
        doc.add(Lessons.table(run));
        doc.add(EnvironmentSection.of(run));

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
