package io.ipcbench.cli;

import io.ipcbench.cli.diff.DiffCommand;
import io.ipcbench.cli.lessons.Lessons;
import io.ipcbench.cli.report.PickCommand;
import io.ipcbench.cli.report.ReportCommand;
import io.ipcbench.cli.results.Run;
import io.ipcbench.cli.run.RunCommand;
import io.ipcbench.cli.run.RunOptions;
import io.ipcbench.cli.usage.CliException;
import io.ipcbench.cli.usage.Command;
import io.ipcbench.cli.usage.Usage;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Entry point of {@code ipcbench.jar}. A command is one entry of {@link #COMMANDS}: its name, its
 * help and what it runs; {@code help}, {@code --help} and {@code --version} are built from them.
 */
public final class Main {
    private static final String A_RUN = "results/6.18.44-fc-v1272/2026-12-07T06-40-59_quick";

    private static final List<Command> COMMANDS = List.of(
            new Command("run", "[--profile=NAME] [--modules=a,b] [--bench=REGEX] [--jmh=\"JMH flags\"] [--baseline=RUN] [OPTION...]",
                    "runs the benchmark modules with a profile into a new run folder, then writes its report",
                    """
                    Runs every built jmh/<module>/target/benchmarks.jar with profiles/<NAME>.properties and records the
                    run under <results>/<kernel release>/<run id>/: run.json, each module's JMH JSON and log, the report.
                    Every param of every module is checked before the first fork; a wrong one stops the run at once.

                    options (an empty value, as Maven passes an unset property, means "not given"):
                      --profile=NAME    profiles/NAME.properties (default quick; smoke, compare, full, flame, soak, ...)
                      --modules=a,b     only these modules (default: the profile's, else every jmh/* module)
                      --bench=REGEX     JMH include regex, e.g. ShmLatency (default: the profile's, else all)
                      --jmh="FLAGS"     JMH flags appended to the profile's, e.g. "-prof gc" or "-p size=4096"
                      --results=DIR     where run folders go (default results)
                      --root=DIR        the repository: profiles/, jmh/ (default the current folder)
                      --flame=EVENT     flame graphs of both processes with async-profiler (cpu, wall, itimer, lock, alloc)
                      --baseline=RUN    a run folder to diff the new run against (diff.md, diff.html; exit 1 on a regression)""",
                    List.of("run --profile=smoke",
                            "run --modules=shm,pipe --bench=Latency --jmh=\"-p size=64\"",
                            "run --profile=compare --baseline=" + A_RUN),
                    (args, out, err) -> new RunCommand(RunOptions.parse(args), out).call()),
            new Command("report", "RUN", "writes report.md, report.html and plots/*.png into the run folder RUN",
                    "A run writes its report itself; this writes it again, e.g. after an upgrade of the CLI.",
                    List.of("report " + A_RUN),
                    (args, out, err) -> {
                        Path run = onlyRun("report", args);
                        Path report = ReportCommand.write(run);
                        out.println("ipcbench: report written to " + report + " and " + report.resolveSibling("report.html"));
                        Run.load(run).interruptedNote().ifPresent(note -> out.println("ipcbench: note: " + note));
                        return 0;
                    }),
            new Command("lessons", "RUN",
                    "checks the classic IPC claims against RUN: reproduced, not reproduced, inconclusive, not measured",
                    "",
                    List.of("lessons " + A_RUN),
                    (args, out, err) -> {
                        Run run = Run.load(onlyRun("lessons", args));
                        run.interruptedNote().ifPresent(note -> out.println("Note: " + note + "."));
                        out.print(Lessons.text(run));
                        return 0;
                    }),
            new Command("pick", "--size=BYTES [--p50=TIME] [--p99=TIME] [--rate=N/s] [--spin=yes|no] [--rank=p50|p99|rate] RUN",
                    "which mechanisms of RUN meet a need, ranked, with their CPU and context switches per message",
                    """
                    Walks the usual decision guide with this run's numbers: the mechanisms that carry the size
                    (the next larger size measured when it was not run, said so), meet the latency budget and the
                    rate, and, with --spin=no, do not burn a CPU spinning; ranked, with the run's caveats.

                    options:
                      --size=BYTES      the message size (required), e.g. 4096, 64KiB, 1MiB
                      --p50=TIME        the median round-trip budget, e.g. 20us
                      --p99=TIME        the 99th-percentile round-trip budget, e.g. 60us
                      --rate=N/s        the messages per second needed, e.g. 100k/s
                      --spin=yes|no     whether a CPU may be burnt spinning (default no)
                      --rank=p50|p99|rate   the order of the answer (default: the budget given, else rate)""",
                    List.of("pick --size=4096 --p99=60us --rate=100k/s --spin=no " + A_RUN),
                    (args, out, err) -> {
                        out.print(PickCommand.answer(args));
                        return 0;
                    }),
            new Command("diff", "BASE NEW | A1 A2 ... -- B1 B2 ... [--threshold=PCT] [--html=FILE]",
                    "compares two run folders (or several a side): Markdown on standard output, HTML in NEW/diff-<base run id>.html",
                    """
                    Each row is tested over the forks of both runs; exit status 1 when a result regressed
                    significantly by more than the threshold. With several runs a side (split by --, all
                    of one profile a side), every base run is compared with every new run and a row is a
                    regression only when it is one in every pairing; the HTML goes to
                    <last new run>/diff-pooled-<first base run id>.html. Flame runs get differential flame
                    graphs, normalised per operation, in a folder beside the page (its name, then -flame/).

                    options:
                      --threshold=PCT   the smallest change that counts, in percent (default 10)
                      --html=FILE       where the HTML page goes (default NEW/diff-<base run id>.html)""",
                    List.of("diff results/6.8.0/2026-01-01T00-00-00_compare results/6.12.0/2026-01-02T00-00-00_compare",
                            "diff BASE NEW --threshold=5 --html=/tmp/diff.html",
                            "diff A1 A2 -- B1 B2"),
                    DiffCommand::run),
            new Command("help", "[COMMAND]", "prints the list of commands, or one command's options and examples", "",
                    List.of("help run"), Main::help),
            new Command("version", "", "prints the suite's version and the commit it was built from (also --version)", "",
                    List.of(), (args, out, err) -> {
                        requireNoArguments("version", args);
                        out.println(Version.ofThisBuild());
                        return 0;
                    }));

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
        try {
            requireReasonableLengths(args);
            if (args.isEmpty()) {
                throw new CliException("no command given; commands are " + names() + "; " + Usage.seeHelp("COMMAND")
                        + " or --help");
            }
            String first = args.getFirst();
            List<String> rest = args.subList(1, args.size());
            switch (first) {
                case "--help", "-h" -> {
                    return help(rest, out, err);
                }
                case "--version" -> {
                    return command("version").action().run(rest, out, err);
                }
                default -> {
                    Command command = command(first);
                    if (!command.name().equals("help") && (rest.contains("--help") || rest.contains("-h"))) {
                        out.print(command.help());
                        return 0;
                    }
                    return command.action().run(rest, out, err);
                }
            }
        } catch (CliException e) {
            err.println("ipcbench: " + e.getMessage());
            return 2;
        }
    }

    private static int help(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() > 1) {
            throw new CliException("help takes at most one command, got " + args.size() + " arguments; commands are " + names());
        }
        out.print(args.isEmpty() ? Usage.overview(COMMANDS) : command(args.getFirst()).help());
        return 0;
    }

    private static Command command(String name) {
        Optional<Command> command = COMMANDS.stream().filter(c -> c.name().equals(name)).findFirst();
        return command.orElseThrow(() -> new CliException("unknown command '" + name + "'; commands are " + names()
                + "; " + Usage.seeHelp("COMMAND") + " or --help"));
    }

    private static String names() {
        return String.join(", ", COMMANDS.stream().map(Command::name).toList());
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

    private static void requireNoArguments(String command, List<String> args) {
        if (!args.isEmpty()) {
            throw new CliException(command + " takes no arguments, got '" + String.join(" ", args) + "'; " + Usage.seeHelp(command));
        }
    }

    private static Path onlyRun(String command, List<String> args) {
        if (args.size() != 1 || args.getFirst().startsWith("--")) {
            throw new CliException(command + " takes one run folder, e.g. " + command + " " + A_RUN + "; " + Usage.seeHelp(command));
        }
        return Path.of(args.getFirst());
    }
}
