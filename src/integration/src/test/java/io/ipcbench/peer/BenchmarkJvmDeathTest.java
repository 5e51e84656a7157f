package io.ipcbench.peer;

import io.ipcbench.link.Params;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.shm.ShmMechanism;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A benchmark JVM that exits without tear-down leaves no peer and no object behind. (One killed
 * with SIGKILL is a case of the fault matrix, PeerFaultContract, for every mechanism.)
 */
class BenchmarkJvmDeathTest {
    private static final long PEER_EXIT_SECONDS = 5;

    @Test
    void exitingWithoutTearDownStopsThePeerAndRemovesItsObjects() throws Exception {
        Params params = new Params("shm", Map.of("size", "64", "sync", "SEMAPHORE", "layout", "PADDED", "capacity", "1"));
        AbandonedSessionMain.Abandoned run = AbandonedSessionMain.launch("exit", new ShmMechanism(), params);
        assertTrue(run.benchmark().waitFor(30, TimeUnit.SECONDS), "the benchmark JVM exits");
        assertEquals(3, run.benchmark().exitValue());
        ProcessHandle.of(run.peer()).ifPresent(p -> p.onExit().orTimeout(PEER_EXIT_SECONDS, TimeUnit.SECONDS).join());
        assertTrue(ProcessHandle.of(run.peer()).map(p -> !p.isAlive()).orElse(true), "peer " + run.peer() + " still alive");
        assertEquals(List.of(), NamedObjects.presentFor(run.benchmark().pid()), "the shutdown hook removed the objects");
    }
}
