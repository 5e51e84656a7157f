package io.ipcbench.cli.usage;

/**
 * A problem the person running the suite can fix (a wrong name, a missing build, an unwritable
 * folder), found before any benchmark runs. The message is printed as is and the exit status is 2.
 */
public final class CliException extends RuntimeException {
    public CliException(String message) {
        super(message);
    }
}
