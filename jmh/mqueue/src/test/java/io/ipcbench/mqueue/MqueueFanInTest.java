package io.ipcbench.mqueue;

import io.ipcbench.link.PeerFailure;
import io.ipcbench.link.PeerFaultContract;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.peer.FanInSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fan-in through one POSIX queue with real producer processes ({@link QueueFanInContract}), and what is
 * the POSIX queue's own: the kernel hands a freed slot to the longest-waiting sender, so every
 * producer gets messages through; a benchmark JVM killed mid-run leaves a queue the next trial
 * sweeps; a producer failing to attach fails the opening; a size above the kernel's limit is refused.
 */
class MqueueFanInTest extends QueueFanInContract {
    @Override
    protected QueueApi api() {
        return QueueApi.POSIX;
    }

    @ParameterizedTest
    @CsvSource({"64", "8", "4096"})
    void everyProducerGetsMessagesThrough(String size) {
        long[] delivered = deliver(params("size", size), MESSAGES);
        assertTrue(Arrays.stream(delivered).allMatch(n -> n > 0), "every producer delivered: " + Arrays.toString(delivered));
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
        try (FanInSession next = FanInSession.open(fanIn(), params("producers", "1"))) {
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

    @Test
    void aSizeBeyondTheKernelsMessageLimitIsRefused() {
        long sizeLimit = KernelLimits.POSIX_MSGSIZE_MAX;
        assertRefused(params("size", Long.toString(sizeLimit + 1)), "carries messages of at most " + sizeLimit + " bytes");
    }

    @Test
    void anUnknownApiIsRefused() {
        assertRefused(params("api", "SYSTEM_V"), "api=SYSTEM_V is not allowed; choose one of POSIX, SYSV");
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
