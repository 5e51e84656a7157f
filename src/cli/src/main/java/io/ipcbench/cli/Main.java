package io.ipcbench.cli;

import java.util.List;

/** Entry point of {@code ipcbench.jar}. */
public final class Main {
    static final String USAGE = """
            usage: java --enable-native-access=ALL-UNNAMED -jar ipcbench.jar run [--profile=NAME] \
            [--modules=a,b] [--bench=REGEX] [--jmh="extra JMH flags"] [--results=DIR] [--root=DIR] \
            [--flame=cpu|wall|itimer|lock|alloc]
              run  runs every built jmh/<module>/target/benchmarks.jar with profiles/<NAME>.properties
                   (default quick) and records the run under <results>/<kernel release>/<run id>/""";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args)));
    }

    /** Returns the exit status: 0 all good, 1 a module failed, 2 the request itself was wrong or unwritable. */
    static int run(List<String> args) {
        String command = args.isEmpty() ? "" : args.getFirst();
        try {
            return switch (command) {
                case "run" -> new RunCommand(RunOptions.parse(args.subList(1, args.size())), System.out).call();
                default -> throw new CliException(
                        (command.isEmpty() ? "no command given" : "unknown command '" + command + "'") + "\n" + USAGE);
            };
        } catch (CliException e) {
            System.err.println("ipcbench: " + e.getMessage());
            return 2;
        }
    }
}
