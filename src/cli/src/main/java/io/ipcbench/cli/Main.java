package io.ipcbench.cli;

import io.ipcbench.cli.diff.DiffCommand;
import io.ipcbench.cli.lessons.Lessons;
import io.ipcbench.cli.report.PickCommand;
import io.ipcbench.cli.report.ReportCommand;
import io.ipcbench.cli.results.Run;
import io.ipcbench.cli.run.RunCommand;
import io.ipcbench.cli.run.RunOptions;
import io.ipcbench.cli.usage.CliException;
import io.ipcbench.cli.usage.Usage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** Entry point of {@code ipcbench.jar}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    public static int run(List<String> args) {
        return run(args, System.out, System.err);
    }

    /**
     * Returns the exit status: 0 all good, 1 a module failed or a diff found a regression, 2 the
     * request or its input was wrong (one line on {@code err}, never a stack trace).
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        String command = args.isEmpty() ? "" : args.getFirst();
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        try {
            requireReasonableLengths(args);
            return switch (command) {
                case "run" -> new RunCommand(RunOptions.parse(rest), out).call();
                case "report" -> {
                    Path report = ReportCommand.write(onlyRun(command, rest));
                    out.println("ipcbench: report written to " + report + " and " + report.resolveSibling("report.html"));
                    yield 0;
                }
                case "lessons" -> {
                    out.print(Lessons.text(Run.load(onlyRun(command, rest))));
                    yield 0;
                }
                case "diff" -> DiffCommand.run(rest, out, err);
                case "pick" -> {
                    out.print(PickCommand.answer(rest));
                    yield 0;
                }
                default -> throw new CliException(
                        (command.isEmpty() ? "no command given" : "unknown command '" + command + "'") + "\n" + Usage.TEXT);
            };
        } catch (CliException e) {
            err.println("ipcbench: " + e.getMessage());
            return 2;
        }
    }

    /** No option or path is this long; a value that is would only flood the messages that quote it. */
    private static void requireReasonableLengths(List<String> args) {
        for (String arg : args) {
            if (arg.length() > Usage.MAX_ARGUMENT_CHARS) {
                throw new CliException("an argument of " + arg.length() + " characters, starting '" + arg.substring(0, 20)
                        + "': arguments are at most " + Usage.MAX_ARGUMENT_CHARS + " characters");
            }
        }
    }

    private static Path onlyRun(String command, List<String> args) {
        if (args.size() != 1 || args.getFirst().startsWith("--")) {
            throw new CliException(command + " takes one run folder, e.g. " + command + " results/6.8.0/2026-01-01T00-00-00_quick\n" + Usage.TEXT);
        }
        return Path.of(args.getFirst());
    }
}
