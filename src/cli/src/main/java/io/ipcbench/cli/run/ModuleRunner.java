package io.ipcbench.cli.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs one module's benchmarks.jar as a child process. Its output goes to the console as it comes
 * (JMH's progress is how a person knows a long run is alive) and to the module's log in the run folder.
 */
final class ModuleRunner {
    private ModuleRunner() {
    }

    /** Returns the child's exit status; {@code environment} is added to the child's. */
    static int run(List<String> command, Map<String, String> environment, Path workDir, Path log, PrintStream console) throws IOException {
        try (OutputStream logFile = Files.newOutputStream(log)) {
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.INHERIT);
            builder.environment().putAll(environment);
            Process child = builder.start();
            // killing the runner must not leave a JMH fork or its peer process spinning on a CPU
            Thread reaper = new Thread(() -> destroyTree(child));
            Runtime.getRuntime().addShutdownHook(reaper);
            try (InputStream out = child.getInputStream()) {
                byte[] buffer = new byte[8192];
                for (int n; (n = out.read(buffer)) != -1; ) {
                    console.write(buffer, 0, n);
                    console.flush();
                    logFile.write(buffer, 0, n);
                }
                return child.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for " + command);
            } finally {
                destroyTree(child);
                removeHook(reaper);
            }
        }
    }

    private static void destroyTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting and the hook is already running; nothing to undo
        }
    }
}
