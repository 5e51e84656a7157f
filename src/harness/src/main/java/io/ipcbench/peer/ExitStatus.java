package io.ipcbench.peer;

/** A process exit value in words: Java reports death by signal N as 128 + N. */
final class ExitStatus {
    private ExitStatus() {}

    static String describe(int status) {
        if (status > 128 && status < 128 + 65) {
            int signal = status - 128;
            String name = switch (signal) {
                case 6 -> "SIGABRT";
                case 9 -> "SIGKILL";
                case 11 -> "SIGSEGV";
                case 15 -> "SIGTERM";
                default -> "signal " + signal;
            };
            return "exited with status " + status + " (killed by " + name + ")";
        }
        return "exited with status " + status;
    }
}
