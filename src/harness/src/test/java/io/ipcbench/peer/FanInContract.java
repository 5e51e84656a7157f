package io.ipcbench.peer;

import io.ipcbench.bench.FanInCounts;
import io.ipcbench.link.Exercised;
import io.ipcbench.link.FanIn;
import io.ipcbench.link.Params;
import io.ipcbench.link.PeerFailure;
import io.ipcbench.link.PeerFaultContract;
import io.ipcbench.os.NamedObjects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
 * What every fan-in mechanism must do with real producer processes; a mechanism's test subclasses
 * it, naming its {@link FanIn} and the params of its variant. Every message arrives once, in
 * order per producer, intact ({@link io.ipcbench.traffic.FanInTraffic} checks each one received),
 * with one producer and with three, and with every producer count the benchmark offers; one
 * producer killed or stopped mid-run, alone or among others, fails the trial within the fault
 * bounds naming it, and leaves no process and no named object (queue, FIFO, socket file) behind;
 * bad producer counts and sizes are refused before anything exists, in one line.
 */
public abstract class FanInContract implements Exercised {
    /** Enough producers to interleave, few enough for a 2-vCPU machine. */
    protected static final int PRODUCERS = 3;
    /** Messages consumed per case and before a fault: some thousands, a fraction of a second. */
    protected static final int MESSAGES = 30_000;
    /** Bytes consumed per case of large messages: some MB. */
    protected static final long BYTES = 32L << 20;
    /** How soon a stopped producer must fail the trial: the watchdog's stall bound, then what a kill takes (as in the fault contract). */
    protected static final long STOP_SECONDS = Watchdog.STALL_SECONDS + PeerFaultContract.FAILURE_SECONDS;
    private static final long MY_PID = ProcessHandle.current().pid();

    /** The mechanism, as the benchmark JVM and every producer instantiate it. */
    protected abstract FanIn fanIn();

    /** The params that choose this test's variant ({@code api=SYSV}, {@code socket=DGRAM}), none for a mechanism without variants. */
    protected abstract Map<String, String> variant();

    /** A size of whole messages larger than 64 bytes that this mechanism carries on a default kernel (for a stream, at most PIPE_BUF). */
    protected abstract int largeSize();

    /** This variant with 64-byte messages and {@value #PRODUCERS} producers, unpinned, but for {@code more} (key, value, ...). */
    protected final Params params(String... more) {
        Map<String, String> values = new LinkedHashMap<>(Map.of("size", "64", "producers", Integer.toString(PRODUCERS), "pinning", "none"));
        values.putAll(variant());
        for (int i = 0; i < more.length; i += 2) {
            values.put(more[i], more[i + 1]);
        }
        return new Params(fanIn().name(), values);
    }

    @AfterEach
    void nothingLeftBehind() {
        assertEquals(List.of(), NamedObjects.presentFor(MY_PID), "named objects left behind");
        assertEquals(List.of(), ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList(),
                "child processes left behind");
    }

    /** The offered producer counts and the sizes, each run below: what the CLI's check of the benchmark's params reads. */
    @Override
    public Stream<Params> exercised() {
        return Stream.concat(FanInCounts.offered().map(producers -> params("producers", producers)),
                Stream.of(params("size", Integer.toString(largeSize()))));
    }

    @ParameterizedTest
    @CsvSource({"1, false", "3, false", "1, true", "3, true"})
    void everyMessageArrivesOnceInOrderPerProducerAndIntact(int producers, boolean large) {
        int size = large ? largeSize() : 64;
        long[] delivered = deliver(params("producers", Integer.toString(producers), "size", Integer.toString(size)),
                Math.min(MESSAGES, BYTES / size));
        assertEquals(producers, delivered.length, "one tally per producer");
    }

    @ParameterizedTest
    @MethodSource("io.ipcbench.bench.FanInCounts#offered")
    void everyOfferedProducerCountDeliversEveryMessage(String producers) {
        deliver(params("producers", producers), MESSAGES);
    }

    /**
     * Opens a trial, consumes {@code operations} messages' worth (each checked as it arrives),
     * asserts that they completed as many whole messages, none of them interleaved where a stream
     * carries writes of at most PIPE_BUF, and returns what each producer delivered.
     */
    protected final long[] deliver(Params params, long operations) {
        try (FanInSession session = FanInSession.open(fanIn(), params)) {
            consume(session, operations);
            long[] delivered = session.delivered();
            assertEquals(operations, Arrays.stream(delivered).sum(), "messages delivered: " + Arrays.toString(delivered));
            assertEquals(0, session.interleaved(), "messages of at most PIPE_BUF bytes arrive whole");
            return delivered;
        }
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "3, 2"})
    void aKilledProducerFailsTheTrialNamingIt(int producers, int victim) throws IOException, InterruptedException {
        try (FanInSession session = FanInSession.open(fanIn(), params("producers", Integer.toString(producers)))) {
            consume(session, MESSAGES);
            long pid = session.producerPids().get(victim - 1);
            signal("-KILL", pid);
            long at = System.nanoTime();
            PeerFailure failure = untilItFails(session);
            double seconds = (System.nanoTime() - at) / 1e9;
            assertTrue(seconds < PeerFaultContract.FAILURE_SECONDS, "failed after " + seconds + " s");
            assertTrue(failure.getMessage().contains("producer " + victim + " of " + producers + " (pid " + pid
                    + ") exited with status 137 (killed by SIGKILL)"), failure.getMessage());
        }
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "3, 3"})
    void aStoppedProducerIsKilledByItsWatchdogAndNamed(int producers, int victim) throws IOException, InterruptedException {
        try (FanInSession session = FanInSession.open(fanIn(), params("producers", Integer.toString(producers)))) {
            consume(session, MESSAGES);
            long pid = session.producerPids().get(victim - 1);
            signal("-STOP", pid);
            long at = System.nanoTime();
            PeerFailure failure = untilItFails(session);
            double seconds = (System.nanoTime() - at) / 1e9;
            assertTrue(seconds >= Watchdog.STALL_SECONDS && seconds < STOP_SECONDS, "failed after " + seconds + " s");
            assertTrue(failure.getMessage().contains("producer " + victim + " of " + producers + " (pid " + pid + ")")
                    && failure.getMessage().contains("made no progress for " + Watchdog.STALL_SECONDS + " s (state T (stopped))"),
                    failure.getMessage());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "producers|0|producers=0 is out of range; producers is the number of producer processes, a whole number from 1 to 100",
            "producers|-3|producers=-3 is out of range",
            "producers|101|producers=101 is out of range",
            "producers|many|producers=many is not a number",
            "size|7|size=7 is out of range; size is the payload in bytes (a fan-in message carries its producer and sequence number in its first 8)",
            "pinning|diagonal|choose one of CROSS_CORE, SAME_CORE, NONE"})
    void badParamsAreRefusedBeforeAnythingStarts(String key, String value, String expected) {
        assertRefused(params(key, value), expected);
    }

    /** {@code params} are refused before anything exists, in one line that contains {@code expected}. */
    protected final void assertRefused(Params params, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FanInSession.open(fanIn(), params));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    /**
     * Consumes until the trial fails, which it must: a consumer that missed the fault would go on
     * consuming the other producers' messages forever, so the wait is cut off (and the test
     * failed) well past the stop bound.
     */
    protected static PeerFailure untilItFails(FanInSession session) {
        return assertTimeoutPreemptively(Duration.ofSeconds(STOP_SECONDS + 30),
                () -> assertThrows(PeerFailure.class, () -> consume(session, Long.MAX_VALUE)));
    }

    /** Consumes {@code operations} messages' worth within one iteration, or until the trial fails. */
    protected static void consume(FanInSession session, long operations) {
        session.iterationBegins();
        for (long i = 0; i < operations; i++) {
            session.receive();
        }
        session.iterationEnds();
    }

    protected static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill " + signal + " " + pid);
    }
}
