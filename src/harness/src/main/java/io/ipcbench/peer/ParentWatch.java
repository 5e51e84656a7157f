package io.ipcbench.peer;

import io.ipcbench.link.ForkedPeer;
import io.ipcbench.link.Liveness;
import io.ipcbench.os.Libc;
import io.ipcbench.os.ProcessCost;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The peer's {@link Liveness}: a thread reads stdin, where the benchmark side writes GO once
 * connected and whose end of file means "exit now". The peer also exits when its parent is
 * gone or when the benchmark closed its end of the link: it has no one left to answer. The same
 * thread answers {@code COSTS n} with this process's OS costs so far ({@link PeerProcess#costs}).
 */
final class ParentWatch implements Liveness {
    /** The request for the peer's costs, {@code COSTS n}, and the start of its answer, {@code COSTS n <figures>}. */
    static final String COSTS = "COSTS ";
    private final long parent;
    private final CountDownLatch go = new CountDownLatch(1);

    ParentWatch(long parent) {
        this.parent = parent;
        Thread reader = new Thread(this::readStdin, "ipcbench-parent-watch");
        reader.setDaemon(true);
        reader.start();
    }

    void awaitGo() throws InterruptedException {
        if (!go.await(ForkedPeer.HANDSHAKE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the benchmark side did not connect within "
                    + ForkedPeer.HANDSHAKE_TIMEOUT_SECONDS + " s");
        }
    }

    @Override
    public void check(String waitingFor) {
        if (Libc.getppid() != parent) {
            PeerMain.exit(0);
        }
    }

    @Override
    public RuntimeException gone(String waitingFor) {
        PeerMain.exit(0);
        return new IllegalStateException("unreachable");
    }

    private void readStdin() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.equals("GO")) {
                    go.countDown();
                } else if (line.startsWith(COSTS)) {
                    answerCosts(line.substring(COSTS.length()).strip());
                }
            }
        } catch (IOException ignored) {
            // treated as end of file
        }
        PeerMain.exit(0);
    }

    /** Never throws: this thread must live on to see end of file, the benchmark side's way to stop the peer. */
    private static void answerCosts(String request) {
        try {
            PeerMain.control(COSTS + request + " " + ProcessCost.ofThisProcess().format());
        } catch (RuntimeException | LinkageError e) {
            System.err.println("cannot report this process's costs: " + e);
        }
    }
}
