package io.ipcbench.mqueue;

import io.ipcbench.bench.FanInCounts;
import io.ipcbench.link.Exercised;
import io.ipcbench.link.Params;
import io.ipcbench.link.PeerFailure;
import io.ipcbench.link.PeerFaultContract;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.peer.FanInSession;
import io.ipcbench.peer.FanInTrials;
import io.ipcbench.peer.Watchdog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fan-in through one POSIX queue with real producer processes: every message arrives once, in order
 * per producer, intact ({@link io.ipcbench.traffic.FanInTraffic} checks each); one producer killed
 * or stopped mid-run fails the trial within the fault bounds, naming it, and leaves no process and
 * no queue behind; bad params are refused before anything exists. Three producers: enough to
 * interleave, few enough for a 2-vCPU machine.
 */
class MqueueFanInTest implements Exercised {
    private static final int PRODUCERS = 3;
    /** Messages consumed before a fault, and by the correctness run: some thousands, a fraction of a second. */
    private static final int MESSAGES = 30_000;
    private final PosixQueueFanIn fanIn = new PosixQueueFanIn();

    private static Params params(String... more) {
        return FanInTrials.params("mqueue", Map.of("size", "64", "producers", Integer.toString(PRODUCERS), "pinning", "none"), more);
    }

    @AfterEach
    void nothingLeftBehind() {
        FanInTrials.assertNothingLeftBehind();
    }

    /** The offered producer counts, each run below: what the CLI's check of the benchmark's params reads. */
    @Override
    public Stream<Params> exercised() {
        return FanInCounts.offered().map(producers -> params("producers", producers));
    }

    @ParameterizedTest
    @CsvSource({"64", "8", "4096"})
    void everyMessageArrivesOnceInOrderPerProducerAndIntact(String size) {
        deliversEveryMessage(params("size", size));
    }

    @ParameterizedTest
    @MethodSource("io.ipcbench.bench.FanInCounts#offered")
    void everyOfferedProducerCountDeliversEveryMessage(String producers) {
        deliversEveryMessage(params("producers", producers));
    }

    /** Every check of {@link FanInSession#receive} passes for {@link #MESSAGES}, and every producer got some through. */
    private void deliversEveryMessage(Params params) {
        try (FanInSession session = FanInSession.open(fanIn, params)) {
            session.iterationBegins();
            FanInTrials.consume(session, MESSAGES);
            session.iterationEnds();
            long[] delivered = session.delivered();
            assertEquals(MESSAGES, Arrays.stream(delivered).sum());
            assertTrue(Arrays.stream(delivered).allMatch(n -> n > 0), "every producer delivered: " + Arrays.toString(delivered));
        }
    }

    @Test
    void aKilledProducerFailsTheTrialNamingIt() {
        try (FanInSession session = FanInSession.open(fanIn, params())) {
            session.iterationBegins();
            FanInTrials.consume(session, MESSAGES);
            FanInTrials.aKilledProducerIsNamed(session, 1);
        }
    }

    @Test
    void aStoppedProducerIsKilledByItsWatchdogAndNamed() {
        try (FanInSession session = FanInSession.open(fanIn, params())) {
            session.iterationBegins();
            FanInTrials.consume(session, MESSAGES);
            long pid = session.producerPids().get(2);
            FanInTrials.signal("-STOP", pid);
            long at = System.nanoTime();
            PeerFailure failure = FanInTrials.untilItFails(session);
            double seconds = (System.nanoTime() - at) / 1e9;
            assertTrue(seconds >= Watchdog.STALL_SECONDS && seconds < FanInTrials.STOP_SECONDS, "failed after " + seconds + " s");
            assertTrue(failure.getMessage().contains("producer 3 of 3 (pid " + pid + ")")
                    && failure.getMessage().contains("made no progress for " + Watchdog.STALL_SECONDS + " s (state T (stopped))"),
                    failure.getMessage());
        }
    }

    /**
     * SIGKILL runs no hook: the killed JVM's producers must go by themselves (their parent-death
     * signal), and the queue it created must be removed by the next trial's start-up sweep.
     */
    @Test
    void aBenchmarkJvmKilledMidRunTakesItsProducersAlongAndTheNextTrialSweepsItsQueue() throws InterruptedException {
        AbandonedFanInMain.Abandoned run = AbandonedFanInMain.launch(params());
        long owner = run.benchmark().pid();
        List<String> created = NamedObjects.presentFor(owner);
        assertTrue(created.stream().anyMatch(name -> name.endsWith("fan-in.posix-mq")), "the queue's marker: " + created);
        assertTrue(run.producers().stream().allMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
        run.benchmark().destroyForcibly().waitFor();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PeerFaultContract.FAILURE_SECONDS);
        while (run.producers().stream().anyMatch(MqueueFanInTest::running)) {
            assertTrue(System.nanoTime() < deadline, "producers " + run.producers() + " still run "
                    + PeerFaultContract.FAILURE_SECONDS + " s after their benchmark JVM was killed");
            Thread.sleep(10);
        }
        try (FanInSession next = FanInSession.open(fanIn, params("producers", "1"))) {
            assertEquals(List.of(), NamedObjects.presentFor(owner), "the next trial's start-up sweep removes what the killed one left: " + created);
            next.iterationBegins();
            next.receive();
        }
    }

    @Test
    void aProducerThatFailsToStartFailsTheOpeningNamingIt() {
        PeerFailure failure = assertThrows(PeerFailure.class, () -> FanInSession.open(new RefusingProducersFanIn(), params()));
        assertTrue(failure.getMessage().matches("(?s)mqueue .*: producer 1 of 3 \\(pid \\d+\\) failed: " + RefusingProducersFanIn.REFUSAL + ".*"),
                failure.getMessage());
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
        FanInTrials.assertRefusedInOneLine(fanIn, params(key, value), expected);
    }

    @Test
    void aSizeBeyondTheKernelsMessageLimitIsRefused() {
        long sizeLimit = KernelLimits.POSIX_MSGSIZE_MAX;
        IllegalArgumentException large = assertThrows(IllegalArgumentException.class,
                () -> FanInSession.check(fanIn, params("size", Long.toString(sizeLimit + 1))));
        assertTrue(large.getMessage().contains("carries messages of at most " + sizeLimit + " bytes"), large.getMessage());
    }

    /** Whether process {@code pid} runs: a zombie has exited (an orphan's waits for init to reap it). */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }
}
