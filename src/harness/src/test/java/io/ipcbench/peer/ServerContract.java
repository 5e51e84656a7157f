package io.ipcbench.peer;

import io.ipcbench.bench.ServerCounts;
import io.ipcbench.link.Exercised;
import io.ipcbench.link.Params;
import io.ipcbench.link.PeerFailure;
import io.ipcbench.link.PeerFaultContract;
import io.ipcbench.link.Server;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.os.ResourceLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The request/response contract a stream socket's module subclasses, with real processes: every
 * request is answered once, in order per client, intact (the server checks each request, each
 * client each reply), with one and three clients in both roles of the benchmark JVM and with every
 * offered client count; the server or a client killed (SIGKILL) or stopped (SIGSTOP) mid-run fails
 * the trial within the fault bounds naming its role and pid, and leaves no process and no named
 * object behind; bad params, and too few descriptors for the clients, are refused in one line
 * before anything starts.
 */
public abstract class ServerContract implements Exercised {
    /** Three clients: the benchmark's own and two load clients, enough to interleave on a 2-vCPU machine. */
    private static final int CLIENTS = 3;
    /** Requests before a fault, and by a correctness run: some thousands, a second or so at blocking rates. */
    private static final int REQUESTS = 5_000;
    /** A load client is judged over twice the stall bound ({@link ServerSession}). */
    private static final long LOAD_STALL_SECONDS = 2 * Watchdog.STALL_SECONDS;
    private static final long MY_PID = ProcessHandle.current().pid();

    /** The module's server. */
    protected abstract Server server();

    private Params params(String... more) {
        Map<String, String> values = new LinkedHashMap<>(Map.of("size", "64", "clients", Integer.toString(CLIENTS), "pinning", "none"));
        for (int i = 0; i < more.length; i += 2) {
            values.put(more[i], more[i + 1]);
        }
        return new Params(server().name(), values);
    }

    @AfterEach
    void nothingLeftBehind() {
        assertEquals(List.of(), NamedObjects.presentFor(MY_PID), "named objects left behind");
        assertEquals(List.of(), ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList(),
                "child processes left behind");
    }

    /** The offered client counts and sizes, each run below: what the CLI's check of the benchmarks' params reads. */
    @Override
    public Stream<Params> exercised() {
        return Stream.concat(ServerCounts.offered().map(clients -> params("clients", clients)),
                Stream.of(params("size", "1024"), params("size", "8")));
    }

    @ParameterizedTest
    @CsvSource({"LATENCY, 1", "LATENCY, 3", "THROUGHPUT, 1", "THROUGHPUT, 3"})
    void everyRequestIsAnsweredOnceInOrderPerClientAndIntact(ServerSession.Measured measured, String clients) {
        answersEveryRequest(params("clients", clients), measured);
    }

    @ParameterizedTest
    @MethodSource("io.ipcbench.bench.ServerCounts#offered")
    void everyOfferedClientCountIsServed(String clients) {
        answersEveryRequest(params("clients", clients), ServerSession.Measured.THROUGHPUT);
    }

    @ParameterizedTest
    @CsvSource({"8", "1024", "65536"})
    void requestsOfEverySizeArriveWhole(String size) {
        answersEveryRequest(params("size", size), ServerSession.Measured.LATENCY);
    }

    /** {@link #REQUESTS} checked round trips or answered requests; as the server, every client had some answered. */
    private void answersEveryRequest(Params params, ServerSession.Measured measured) {
        try (ServerSession session = ServerSession.open(server(), params, measured)) {
            session.iterationBegins();
            operate(session, measured, REQUESTS);
            session.iterationEnds();
            if (measured == ServerSession.Measured.THROUGHPUT) {
                long[] served = session.served();
                assertEquals(REQUESTS, Arrays.stream(served).sum());
                assertTrue(Arrays.stream(served).allMatch(n -> n > 0), "every client was served: " + Arrays.toString(served));
            }
        }
    }

    @Test
    void aKilledServerFailsTheTrialNamingIt() throws Exception {
        fault(ServerSession.Measured.LATENCY, 0, "-KILL", 0, 0,
                (pid, message) -> message.contains("the server (pid " + pid + ") exited with status 137 (killed by SIGKILL)"));
    }

    @Test
    void aStoppedServerIsKilledByItsWatchdogAndNamed() throws Exception {
        fault(ServerSession.Measured.LATENCY, 0, "-STOP", Watchdog.STALL_SECONDS, Watchdog.STALL_SECONDS - 1,
                (pid, message) -> message.contains("the server (pid " + pid + ")")
                        && message.contains("made no progress for " + Watchdog.STALL_SECONDS + " s (state T (stopped))"));
    }

    @Test
    void aKilledLoadClientFailsTheTrialNamingIt() throws Exception {
        fault(ServerSession.Measured.LATENCY, 1, "-KILL", 0, 0,
                (pid, message) -> message.contains("client 2 of 3 (pid " + pid + ") exited with status 137 (killed by SIGKILL)"));
    }

    @Test
    void aStoppedLoadClientIsKilledByItsWatchdogAndNamed() throws Exception {
        fault(ServerSession.Measured.LATENCY, 2, "-STOP", LOAD_STALL_SECONDS, 0,
                (pid, message) -> message.contains("client 3 of 3 (pid " + pid + ")")
                        && message.contains("made no progress for " + LOAD_STALL_SECONDS + " s (state T (stopped))"));
    }

    @Test
    void aKilledClientFailsTheServingTrialNamingIt() throws Exception {
        fault(ServerSession.Measured.THROUGHPUT, 1, "-KILL", 0, 0,
                (pid, message) -> message.contains("client 2 of 3 (pid " + pid + ") exited with status 137 (killed by SIGKILL)"));
    }

    @Test
    void aStoppedClientIsKilledByItsWatchdogAndNamed() throws Exception {
        fault(ServerSession.Measured.THROUGHPUT, 2, "-STOP", Watchdog.STALL_SECONDS, Watchdog.STALL_SECONDS - 1,
                (pid, message) -> message.contains("client 3 of 3 (pid " + pid + ")")
                        && message.contains("made no progress for " + Watchdog.STALL_SECONDS + " s (state T (stopped))"));
    }

    /** What a fault's failure message must say about the process signalled. */
    private interface Named {
        boolean in(long pid, String message);
    }

    /**
     * Signals peer {@code peer} mid-run and operates until the trial fails, which must happen within
     * {@link PeerFaultContract#FAILURE_SECONDS} of a kill, or of the stall bound {@code stallSeconds}
     * after a stop, not before {@code earliestSeconds}, and name the peer. A process judged by this
     * JVM's operations cannot be judged before its stall bound (less the watchdog's polling); a load
     * client, judged by its CPU time, can: on a busy machine its last CPU tick may come seconds before
     * the stop, while it waited for a CPU or for the server.
     */
    private void fault(ServerSession.Measured measured, int peer, String signal, long stallSeconds, long earliestSeconds, Named named)
            throws Exception {
        long bound = stallSeconds + PeerFaultContract.FAILURE_SECONDS;
        try (ServerSession session = ServerSession.open(server(), params(), measured)) {
            session.iterationBegins();
            operate(session, measured, REQUESTS);
            long pid = session.peerPids().get(peer);
            signal(signal, pid);
            long at = System.nanoTime();
            PeerFailure failure = assertTimeoutPreemptively(Duration.ofSeconds(bound + 30),
                    () -> assertThrows(PeerFailure.class, () -> operate(session, measured, Long.MAX_VALUE)));
            double seconds = (System.nanoTime() - at) / 1e9;
            assertTrue(seconds < bound && seconds >= earliestSeconds, "failed after " + seconds + " s, stall bound " + stallSeconds
                    + " s: " + failure.getMessage());
            assertTrue(named.in(pid, failure.getMessage()), failure.getMessage());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "clients|0|clients=0 is out of range; clients is the number of client processes, a whole number from 1 to 100",
            "clients|-3|clients=-3 is out of range",
            "clients|101|clients=101 is out of range",
            "clients|many|clients=many is not a number",
            "size|7|size=7 is out of range; size is the payload in bytes (a request carries its client and sequence number in its first 8)",
            "pinning|diagonal|choose one of CROSS_CORE, SAME_CORE, NONE"})
    void badParamsAreRefusedInOneLineBeforeAnythingStarts(String key, String value, String expected) {
        for (ServerSession.Measured measured : ServerSession.Measured.values()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServerSession.open(server(), params(key, value), measured));
            assertTrue(e.getMessage().contains(expected), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        }
    }

    /** This JVM's soft RLIMIT_NOFILE lowered for real (prlimit) to leave room for fewer descriptors than 100 clients need, then restored. */
    @ParameterizedTest
    @EnumSource(ServerSession.Measured.class)
    void tooFewDescriptorsForTheClientsAreRefusedInOneLine(ServerSession.Measured measured) throws Exception {
        long soft = ResourceLimits.soft(ResourceLimits.OPEN_FILES);
        long lowered = ResourceLimits.openDescriptors() + ResourceLimits.TRIAL_DESCRIPTORS + 50;
        prlimit(lowered);
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ServerSession.open(server(), params("clients", "100"), measured));
            assertTrue(e.getMessage().contains("(RLIMIT_NOFILE), but a trial needs up to " + (ResourceLimits.TRIAL_DESCRIPTORS + 400) + " more"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        } finally {
            prlimit(soft);
        }
    }

    private static void prlimit(long soft) throws IOException, InterruptedException {
        run("prlimit", "--pid", Long.toString(MY_PID), "--nofile=" + (soft == Long.MAX_VALUE ? "unlimited" : Long.toString(soft)) + ":");
    }

    private static void operate(ServerSession session, ServerSession.Measured measured, long requests) {
        Runnable one = measured == ServerSession.Measured.LATENCY ? session::roundTrip : session::serveOne;
        for (long i = 0; i < requests; i++) {
            one.run();
        }
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        run("kill", signal, Long.toString(pid));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0, String.join(" ", command));
    }
}
