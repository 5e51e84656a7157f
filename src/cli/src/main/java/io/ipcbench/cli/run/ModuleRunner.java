package io.ipcbench.cli.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs one module's jar as a child process. Every line of its output goes to the module's log in the
 * run folder, and to {@code onLine}, which decides what the console shows of it.
 */
final class ModuleRunner {
    private ModuleRunner() {
    }

    /** Returns the child's exit status; {@code environment} is added to the child's. */
    static int run(List<String> command, Map<String, String> environment, Path workDir, Path log, Consumer<String> onLine)
            throws IOException {
        // the child writes in the platform's charset, which the log keeps
        Charset charset = Charset.forName(System.getProperty("native.encoding"), Charset.defaultCharset());
        try (Writer logFile = Files.newBufferedWriter(log, charset)) {
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.INHERIT);
            builder.environment().putAll(environment);
            Process child = builder.start();
            // killing the runner must not leave a JMH fork or its peer process spinning on a CPU
            Thread reaper = new Thread(() -> destroyTree(child));
            Runtime.getRuntime().addShutdownHook(reaper);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), charset))) {
                for (String line; (line = out.readLine()) != null; ) {
                    logFile.write(line);
                    logFile.write('\n');
                    logFile.flush();
                    onLine.accept(line);
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
