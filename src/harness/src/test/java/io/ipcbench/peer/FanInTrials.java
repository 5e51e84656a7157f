package io.ipcbench.peer;

import io.ipcbench.link.FanIn;
import io.ipcbench.link.Params;
import io.ipcbench.link.PeerFailure;
import io.ipcbench.link.PeerFaultContract;
import io.ipcbench.os.NamedObjects;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every fan-in test does with a trial of real producer processes: build its params, consume,
 * strike a producer as a user would (kill(1)), wait for the trial to fail naming it, and check
 * that nothing is left behind.
 */
public final class FanInTrials {
    /** How soon a stopped producer must fail the trial: the watchdog's stall bound, then what a kill takes (as in the fault contract). */
    public static final long STOP_SECONDS = Watchdog.STALL_SECONDS + PeerFaultContract.FAILURE_SECONDS;
    private static final long MY_PID = ProcessHandle.current().pid();

    private FanInTrials() {}

    /** {@code defaults}, then the key/value pairs of {@code more}, which win. */
    public static Params params(String mechanism, Map<String, String> defaults, String... more) {
        Map<String, String> values = new LinkedHashMap<>(defaults);
        for (int i = 0; i < more.length; i += 2) {
            values.put(more[i], more[i + 1]);
        }
        return new Params(mechanism, values);
    }

    /** No named object of this JVM and no live child process: what every test checks after itself. */
    public static void assertNothingLeftBehind() {
        assertEquals(List.of(), NamedObjects.presentFor(MY_PID), "named objects left behind");
        assertEquals(List.of(), ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList(),
                "child processes left behind");
    }

    /** Opening a trial with {@code params} is refused in one line that contains {@code expected}, before anything starts. */
    public static void assertRefusedInOneLine(FanIn fanIn, Params params, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FanInSession.open(fanIn, params));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    /** Consumes up to {@code messages}, or until the trial fails. */
    public static void consume(FanInSession session, long messages) {
        for (long i = 0; i < messages; i++) {
            session.receive();
        }
    }

    /**
     * Consumes until the trial fails, which it must: a consumer that missed the fault would go on
     * consuming the other producers' messages forever, so the wait is cut off (and the test
     * failed) well past the stop bound.
     */
    public static PeerFailure untilItFails(FanInSession session) {
        return assertTimeoutPreemptively(Duration.ofSeconds(STOP_SECONDS + 30),
                () -> assertThrows(PeerFailure.class, () -> consume(session, Long.MAX_VALUE)));
    }

    /**
     * Sends SIGKILL to producer {@code index} (from 0) of a running trial, and checks that the
     * trial fails within {@link PeerFaultContract#FAILURE_SECONDS} naming it and its death.
     */
    public static void aKilledProducerIsNamed(FanInSession session, int index) {
        long pid = session.producerPids().get(index);
        signal("-KILL", pid);
        long at = System.nanoTime();
        PeerFailure failure = untilItFails(session);
        double seconds = (System.nanoTime() - at) / 1e9;
        assertTrue(seconds < PeerFaultContract.FAILURE_SECONDS, "failed after " + seconds + " s");
        int count = session.producerPids().size();
        assertTrue(failure.getMessage().contains("producer " + (index + 1) + " of " + count + " (pid " + pid
                + ") exited with status 137 (killed by SIGKILL)"), failure.getMessage());
    }

    /** kill(1) with {@code signal} to {@code pid}. */
    public static void signal(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).start();
            assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill " + signal + " " + pid);
        } catch (IOException e) {
            throw new AssertionError("kill " + signal + " " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("kill " + signal + " " + pid, e);
        }
    }
}
