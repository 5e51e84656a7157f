package io.ipcbench.cli.diff;

import io.ipcbench.cli.doc.Doc;
import io.ipcbench.cli.doc.HtmlWriter;
import io.ipcbench.cli.doc.MarkdownWriter;
import io.ipcbench.cli.results.Run;
import io.ipcbench.cli.results.Significance;
import io.ipcbench.cli.usage.CliException;
import io.ipcbench.cli.usage.Usage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code diff BASE NEW [--threshold=PCT] [--html=FILE]}: what changed from one run to another, as
 * Markdown on standard output and an HTML page (by default {@code NEW/diff-<base run id>.html}), with the
 * differential flame graphs of flame runs in a folder beside it ({@code NEW/diff-<base run id>-flame/}).
 * The exit status gates CI: 1 when a result regressed significantly beyond the threshold, else 0.
 */
public final class DiffCommand {
    /** The result of a diff: its document and whether a regression beyond the threshold was found. */
    public record Outcome(RunDiff diff, Doc doc, boolean regressed) {
        public int exitStatus() {
            return regressed ? 1 : 0;
        }
    }

    private DiffCommand() {
    }

    /** The diff of two runs; {@code page} is where its HTML will be, beside which its differential flame graphs are written. */
    public static Outcome compare(Run base, Run changed, double threshold, Path page) {
        RunDiff diff = RunDiff.of(base, changed);
        return new Outcome(diff, DiffDoc.of(diff, threshold, page), !diff.with(RowDiff.Outcome.REGRESSION, threshold).isEmpty());
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        List<Path> runs = new ArrayList<>();
        int separator = -1;
        double threshold = Significance.DEFAULT_THRESHOLD;
        Optional<Path> html = Optional.empty();
        for (String arg : args) {
            if (arg.startsWith("--threshold=")) {
                threshold = threshold(arg.substring("--threshold=".length()));
            } else if (arg.startsWith("--html=")) {
                html = Optional.of(Path.of(arg.substring("--html=".length())));
            } else if (arg.equals("--")) {
                if (separator >= 0) {
                    throw new CliException("diff takes one '--' between the base runs and the new runs; " + Usage.seeHelp("diff"));
                }
                separator = runs.size();
            } else if (arg.startsWith("--")) {
                throw new CliException("unknown option '" + arg + "'; diff takes --threshold=PCT and --html=FILE; " + Usage.seeHelp("diff"));
            } else {
                runs.add(Path.of(arg));
            }
        }
        if (separator >= 0) {
            List<Path> base = runs.subList(0, separator);
            List<Path> changed = runs.subList(separator, runs.size());
            if (base.isEmpty() || changed.isEmpty()) {
                throw new CliException("diff A1 A2 -- B1 B2 needs at least one run folder on each side of '--'; got "
                        + base.size() + " before and " + changed.size() + " after; " + Usage.seeHelp("diff"));
            }
            if (base.size() > 1 || changed.size() > 1) {
                return pooled(base, changed, threshold, html, out, err);
            }
        } else if (runs.size() != 2) {
            throw new CliException("diff needs two run folders, BASE and NEW, or several runs a side split by '--' "
                    + "(diff A1 A2 -- B1 B2); got " + runs.size() + " without '--'; " + Usage.seeHelp("diff"));
        }
        Run base = Run.load(runs.get(0));
        Path page = html.orElseGet(() -> runs.get(1).resolve("diff-" + base.id() + ".html"));
        Outcome outcome = compare(base, Run.load(runs.get(1)), threshold, page);
        for (Run run : List.of(outcome.diff().base(), outcome.diff().changed())) {
            run.interruptedNote().ifPresent(note -> err.println("ipcbench: note: " + run.dir() + ": " + note));
        }
        out.print(MarkdownWriter.render(outcome.doc()));
        write(page, HtmlWriter.render(outcome.doc()));
        err.println("ipcbench: diff written to " + page + (outcome.regressed() ? "; regressions found (exit status 1)" : ""));
        return outcome.exitStatus();
    }

    /** Several runs a side: every base run against every new run, a row flagged only when every pairing flags it. */
    public static int pooled(List<Path> basePaths, List<Path> changedPaths, double threshold, Optional<Path> html,
                                 PrintStream out, PrintStream err) {
        List<Run> base = side("base", basePaths);
        List<Run> changed = side("new", changedPaths);
        PooledDiff diff = PooledDiff.of(base, changed);
        Path page = html.orElseGet(() -> changedPaths.getLast().resolve("diff-pooled-" + base.getFirst().id() + ".html"));
        Doc doc = PooledDoc.of(diff, threshold, page);
        boolean regressed = !diff.with(RowDiff.Outcome.REGRESSION, threshold).isEmpty();
        for (Run run : Stream.concat(base.stream(), changed.stream()).distinct().toList()) {
            run.interruptedNote().ifPresent(note -> err.println("ipcbench: note: " + run.dir() + ": " + note));
        }
        out.print(MarkdownWriter.render(doc));
        write(page, HtmlWriter.render(doc));
        err.println("ipcbench: diff written to " + page + (regressed ? "; regressions found (exit status 1)" : ""));
        return regressed ? 1 : 0;
    }

    /**
     * The runs of one side, all of one profile: runs of different profiles differ in forks, iterations and
     * durations, so their pooled forks would weigh the runs unequally and a short run's drift would pass
     * for the side's; they are refused rather than mixed.
     */
    private static List<Run> side(String name, List<Path> paths) {
        for (int i = 0; i < paths.size(); i++) {
            for (int j = i + 1; j < paths.size(); j++) {
                if (sameFolder(paths.get(i), paths.get(j))) {
                    throw new CliException("the " + name + " runs name " + paths.get(j) + " twice: a run counted twice "
                            + "would weigh its drift double; give each run once");
                }
            }
        }
        List<Run> runs = paths.stream().map(Run::load).toList();
        List<String> profiles = runs.stream().map(PooledDiff::profile).distinct().toList();
        if (profiles.size() > 1) {
            throw new CliException("the " + name + " runs mix profiles (" + String.join(", ", profiles)
                    + "): pool runs of one profile a side, whose forks and iterations match");
        }
        return runs;
    }

    private static boolean sameFolder(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /** "10", "10%" or "7.5" percent, as a fraction. */
    static double threshold(String text) {
        try {
            double percent = Double.parseDouble(text.strip().replaceAll("%$", ""));
            if (percent >= 0 && percent < 100) {
                return percent / 100;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new CliException("--threshold=" + text + " is not a percentage from 0 to 100 (e.g. --threshold=10)");
    }

    public static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new CliException(file + ": cannot write it (" + e.getMessage() + ")");
        }
    }
}
