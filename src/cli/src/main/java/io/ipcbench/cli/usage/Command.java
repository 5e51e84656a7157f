package io.ipcbench.cli.usage;

import java.io.PrintStream;
import java.util.List;

/**
 * One command of {@code ipcbench.jar}: what {@code help} says about it and what it does.
 *
 * @param name     the word that selects it, e.g. {@code run}
 * @param synopsis its arguments, e.g. {@code RUN} or {@code [--profile=NAME] ...}
 * @param summary  one line for the list of commands
 * @param details  what {@code help NAME} adds: the options and what the command writes
 * @param examples whole command lines after {@code ipcbench.jar}, each a thing a person would type
 * @param action   runs it on the arguments after its name
 */
public record Command(String name, String synopsis, String summary, String details, List<String> examples, Action action) {

    /** A command's work: returns the exit status, or throws {@link CliException} for input a person can fix. */
    @FunctionalInterface
    public interface Action {
        int run(List<String> args, PrintStream out, PrintStream err);
    }

    /** What {@code help NAME} prints. */
    public String help() {
        StringBuilder text = new StringBuilder("usage: " + Usage.LAUNCHER + " " + name + (synopsis.isEmpty() ? "" : " " + synopsis)
                + "\n\n" + summary + "\n");
        if (!details.isEmpty()) {
            text.append('\n').append(details.strip()).append('\n');
        }
        if (!examples.isEmpty()) {
            text.append("\nexamples:\n");
            examples.forEach(example -> text.append("  ").append(Usage.LAUNCHER).append(' ').append(example).append('\n'));
        }
        return text.toString();
    }
}
