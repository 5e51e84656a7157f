package io.ipcbench.cli.usage;

import java.util.List;

/**
 * What every command's command line shares: how the jar is started, the list of commands that
 * {@code --help} prints, the pointer to a command's help that ends a refused command line, and the
 * longest argument any command accepts.
 */
public final class Usage {
    /** How a person starts the CLI, as every usage line and example writes it. */
    public static final String LAUNCHER = "java --enable-native-access=ALL-UNNAMED -jar ipcbench.jar";

    /** The longest argument, and the longest line of a profile. */
    public static final int MAX_ARGUMENT_CHARS = 4096;

    private Usage() {
    }

    /** What {@code --help} prints: every command with its arguments and one line about it, then examples. */
    public static String overview(List<Command> commands) {
        StringBuilder text = new StringBuilder("usage: " + LAUNCHER + " COMMAND [ARGS]\n\n"
                + "Runs the ipcbench suite (one JMH jar per IPC mechanism, jmh/*/target/benchmarks.jar) and reads its runs.\n\n"
                + "commands:\n");
        for (Command command : commands) {
            text.append("  ").append(command.name()).append(command.synopsis().isEmpty() ? "" : " " + command.synopsis()).append('\n')
                    .append("      ").append(command.summary()).append('\n');
        }
        text.append("\nexamples:\n");
        commands.stream().filter(c -> !c.examples().isEmpty())
                .forEach(c -> text.append("  ").append(LAUNCHER).append(' ').append(c.examples().getFirst()).append('\n'));
        text.append("\n'help COMMAND' (or COMMAND --help) shows a command's options and more examples.\n"
                + "Exit status: 0 done, 1 a module failed or a diff found a regression, 2 the command line or its input was wrong.\n");
        return text.toString();
    }

    /** The end of a refused command line's one-line message: where its right form is described. */
    public static String seeHelp(String command) {
        return "see '" + LAUNCHER + " help " + command + "'";
    }
}
