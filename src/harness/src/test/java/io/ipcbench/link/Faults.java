package io.ipcbench.link;

import io.ipcbench.peer.Session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the fault matrix strikes a peer from outside the harness: signals sent as a user would send them. */
final class Faults {
    private Faults() {}

    /** SIGKILL to the session's peer; returns when it was sent. */
    static long kill(Session session) {
        long at = System.nanoTime();
        ProcessHandle.of(session.peer().pid()).orElseThrow().destroyForcibly();
        return at;
    }

    /** SIGSTOP to the session's peer; returns when it was sent. */
    static long stop(Session session) {
        long at = System.nanoTime();
        signal(session, "-STOP");
        return at;
    }

    /** kill(1) with {@code signal} to the session's peer. */
    static void signal(Session session, String signal) {
        try {
            long pid = session.peer().pid();
            assertEquals(0, new ProcessBuilder("kill", signal, Long.toString(pid)).start().waitFor(), "kill " + signal + " " + pid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether process {@code pid} runs: a zombie has exited (an orphan's is reaped by init, which
     * may take a second), so its state letter in /proc/pid/stat counts, not ProcessHandle.isAlive.
     */
    static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code condition} every millisecond, for at most {@code seconds}. */
    static void awaitCondition(String what, long seconds, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "waited " + seconds + " s for " + what);
            pause(1);
        }
    }
}
