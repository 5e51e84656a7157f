package io.ipcbench.peer;

import io.ipcbench.os.NamedObjects;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The peer and the named objects never outlive the benchmark JVM, however it ends. */
class BenchmarkJvmDeathTest {
    private static final long PEER_EXIT_SECONDS = 5;

    @Test
    void exitingWithoutTearDownStopsThePeerAndRemovesItsObjects() throws Exception {
        Process benchmark = start("exit");
        long peer = peerPid(benchmark);
        assertTrue(benchmark.waitFor(30, TimeUnit.SECONDS), "the benchmark JVM exits");
        assertEquals(3, benchmark.exitValue());
        assertPeerGone(peer);
        assertEquals(List.of(), NamedObjects.presentFor(benchmark.pid()), "the shutdown hook removed the objects");
    }

    @Test
    void aKilledBenchmarkJvmTakesItsPeerAlongAndTheNextSweepRemovesItsObjects() throws Exception {
        Process benchmark = start("hang");
        long peer = peerPid(benchmark);
        NamedObjects.sweepDeadOwners();
        assertFalse(NamedObjects.presentFor(benchmark.pid()).isEmpty(), "a live owner's objects are not swept");

        benchmark.destroyForcibly().waitFor();
        assertPeerGone(peer);
        // SIGKILL runs no hook, so the objects are still there, unless another suite's start-up
        // sweep running on this machine at the same moment removed them first
        List<String> left = NamedObjects.presentFor(benchmark.pid());
        int swept = NamedObjects.sweepDeadOwners();
        assertTrue(left.isEmpty() || swept >= left.size(), "swept " + swept + " of " + left);
        assertEquals(List.of(), NamedObjects.presentFor(benchmark.pid()), "the sweep removed file and semaphores");
    }

    private static void assertPeerGone(long pid) {
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(PEER_EXIT_SECONDS, TimeUnit.SECONDS).join());
        assertTrue(ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), "peer " + pid + " still alive");
    }

    private static Process start(String mode) throws IOException {
        return new ProcessBuilder(PeerProcess.javaBinary(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), AbandonedSessionMain.class.getName(), mode)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static long peerPid(Process benchmark) throws IOException {
        BufferedReader out = benchmark.inputReader();
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("PEER ")) {
                return Long.parseLong(line.substring(5));
            }
        }
        throw new AssertionError("the benchmark JVM exited with " + benchmark.onExit().join().exitValue() + " before starting its peer");
    }
}
