package io.ipcbench.cli.report;

import io.ipcbench.cli.doc.MarkdownWriter;
import io.ipcbench.cli.results.Run;
import io.ipcbench.cli.usage.CliException;
import io.ipcbench.cli.usage.Usage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pick --size=BYTES [--p50=TIME] [--p99=TIME] [--rate=N/s] [--spin=yes|no] [--rank=p50|p99|rate] RUN}:
 * which mechanisms of the run meet the need, ranked, in Markdown on standard output ({@link MechanismChoice}).
 */
public final class PickCommand {
    private PickCommand() {
    }

    /** The answer, as Markdown. */
    public static String answer(List<String> args) {
        List<String> options = new ArrayList<>();
        List<Path> runs = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--")) {
                options.add(arg);
            } else {
                runs.add(Path.of(arg));
            }
        }
        Need need = Need.parse(options);
        if (runs.size() != 1) {
            throw new CliException("pick takes one run folder, e.g. pick --size=4096 --p99=20us results/6.8.0/2026-01-01T00-00-00_quick; got "
                    + runs.size() + "; " + Usage.seeHelp("pick"));
        }
        Run run = Run.load(runs.getFirst());
        return MarkdownWriter.render(MechanismChoice.doc(run, MechanismChoice.answer(run, need), "Which mechanism, from run " + run.id()));
    }
}
