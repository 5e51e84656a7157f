package io.ipcbench.limits;

import io.ipcbench.peer.PeerProcess;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs {@link LimitedTrialMain} in a JVM started through a wrapper command that imposes a real
 * limit: {@code unshare} (a private mount or IPC namespace), {@code prlimit}, {@code taskset},
 * {@code setpriv}. Where this machine cannot apply the wrapper (not root, no such tool, no
 * namespaces), the test is reported as skipped, never as passed. As root on Linux every wrapper
 * must work: there a failing one is a fault of the test's set-up, and fails the test.
 */
final class LimitedJvm {
    private static final long TIMEOUT_SECONDS = 120;
    /** Where every wrapper can be applied: namespaces, mounts, rlimits, capabilities are root's to set. */
    private static final boolean ROOT_ON_LINUX = System.getProperty("os.name").equals("Linux")
            && new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    /**
     * Reads a child's output on a thread of its own: a blocking read must not take one of the
     * common pool's few threads, which other readers then wait for.
     */
    static final Executor OWN_THREAD = task -> Thread.ofPlatform().daemon().start(task);

    /** A shell script run as {@code sh -c script sh <java command...>}: it sets the limit up, then execs "$@". */
    static List<String> shell(String script) {
        return List.of("sh", "-c", script + " && exec \"$@\"", "sh");
    }

    /**
     * Skips the test unless {@code wrapper} can run a command here (it runs {@code true} under it);
     * fails it instead where the wrapper must work.
     */
    static void assumeWorks(List<String> wrapper) {
        List<String> probe = new ArrayList<>(wrapper);
        probe.add("true");
        Outcome outcome = run(probe);
        String failed = "cannot apply " + String.join(" ", wrapper) + " here: exit " + outcome.exit() + ", " + outcome.stderr().strip();
        if (outcome.exit() != 0 && ROOT_ON_LINUX) {
            fail(failed + " (this process is root on Linux, where it must work)");
        }
        assumeTrue(outcome.exit() == 0, failed);
    }

    /** Runs one trial of {@code mechanism} under {@code wrapper} with {@code params} ("key=value"). */
    static Outcome trial(List<String> wrapper, Class<?> mechanism, String name, List<String> params) {
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(javaCommand(mechanism, name, params, false));
        return run(command);
    }

    /** The java command of a trial; {@code waiting} makes it print its descriptor count and wait for a line on stdin. */
    static List<String> javaCommand(Class<?> mechanism, String name, List<String> params, boolean waiting) {
        List<String> command = new ArrayList<>(List.of(PeerProcess.javaBinary(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), LimitedTrialMain.class.getName()));
        if (waiting) {
            command.add("--wait");
        }
        command.addAll(List.of(mechanism.getName(), name));
        command.addAll(params);
        return command;
    }

    /**
     * Starts a trial that first reports its descriptor count and waits, hands its pid and that count
     * to {@code limit} (which lowers a limit of that process from outside), then lets it run.
     */
    static Outcome trialAfter(Class<?> mechanism, String name, List<String> params, BiConsumer<Long, Long> limit) {
        List<String> command = javaCommand(mechanism, name, params, true);
        try {
            Process process = new ProcessBuilder(command).start();
            BufferedReader stdout = process.inputReader();
            String first = stdout.readLine();
            assertTrue(first != null && first.startsWith("FDS "), () -> "the trial reports its descriptors first: " + first + " " + stderr(process));
            limit.accept(process.pid(), Long.parseLong(first.substring(4)));
            try (var in = process.getOutputStream()) {
                in.write('\n');
            }
            return collect(process, command, stdout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Outcome run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            return collect(process, command, process.inputReader());
        } catch (IOException e) {
            return new Outcome(-1, List.of(), e.toString());
        }
    }

    /** Runs {@code command} (a tool such as prlimit) and fails the test naming its output when it fails. */
    static void require(List<String> command) {
        Outcome outcome = run(command);
        assertEquals(0, outcome.exit(), String.join(" ", command) + ": " + outcome.stderr());
    }

    private static Outcome collect(Process process, List<String> command, BufferedReader stdout) {
        CompletableFuture<List<String>> out = CompletableFuture.supplyAsync(() -> stdout.lines().toList(), OWN_THREAD);
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> stderr(process), OWN_THREAD);
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", command) + " did not end within " + TIMEOUT_SECONDS + " s: " + err.join());
            }
            return new Outcome(process.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String stderr(Process process) {
        try {
            return new String(process.getErrorStream().readAllBytes());
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** What a trial JVM printed. */
    record Outcome(int exit, List<String> stdout, String stderr) {
        /** The value of the line starting with {@code prefix}; fails the test naming everything printed when there is none. */
        String line(String prefix) {
            return stdout.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst()
                    .orElseThrow(() -> new AssertionError("no '" + prefix + "' line; exit " + exit + ", stdout " + stdout + ", stderr " + stderr));
        }

        /** The trial's refusal, after checking that it came before any peer started and left no named object. */
        String refusal() {
            String message = line("ERROR ");
            assertEquals("false", line("PEER_SPAWNED "), "refused before a peer started: " + message);
            assertEquals("[]", line("LEFT "), "objects left behind after: " + message);
            return message;
        }

        /** Checks that the trial ran its round trips and left nothing. */
        void assertRan() {
            assertTrue(stdout.contains("OK"), "the trial ran; stdout " + stdout + ", stderr " + stderr);
            assertEquals("[]", line("LEFT "));
        }
    }
}
