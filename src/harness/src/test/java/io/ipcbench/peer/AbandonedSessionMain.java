package io.ipcbench.peer;

import io.ipcbench.link.Params;
import io.ipcbench.shm.SharedMemory;
import io.ipcbench.traffic.RoundTrip;

import java.util.Map;

/**
 * A benchmark JVM that never tears down: it opens a shared-memory session (a /dev/shm file,
 * semaphores, a peer), prints the peer's pid, then either exits at once, as a JMH fork does after
 * a benchmark threw, or waits to be killed.
 */
public final class AbandonedSessionMain {
    private AbandonedSessionMain() {}

    public static void main(String[] args) throws InterruptedException {
        Params params = new Params("shm", Map.of("size", "64", "sync", "SEMAPHORE", "layout", "PADDED", "capacity", "1"));
        RoundTrip roundTrip = RoundTrip.start(new SharedMemory(), params);
        roundTrip.once();
        System.out.println("PEER " + roundTrip.session().peer().pid());
        System.out.flush();
        if (args[0].equals("exit")) {
            System.exit(3);
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
