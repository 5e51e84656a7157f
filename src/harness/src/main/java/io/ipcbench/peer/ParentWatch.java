package io.ipcbench.peer;

import io.ipcbench.link.Liveness;
import io.ipcbench.os.Libc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The peer's {@link Liveness}: a thread reads stdin, where the benchmark side writes GO once
 * connected and whose end of file means "exit now". The peer also exits when its parent is
 * gone or when the benchmark closed its end of the link: it has no one left to answer.
 */
final class ParentWatch implements Liveness {
    private final long parent;
    private final CountDownLatch go = new CountDownLatch(1);

    ParentWatch(long parent) {
        this.parent = parent;
        Thread reader = new Thread(this::readStdin, "ipcbench-parent-watch");
        reader.setDaemon(true);
        reader.start();
    }

    void awaitGo() throws InterruptedException {
        if (!go.await(PeerProcess.HANDSHAKE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the benchmark side did not connect within "
                    + PeerProcess.HANDSHAKE_TIMEOUT_SECONDS + " s");
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
                }
            }
        } catch (IOException ignored) {
            // treated as end of file
        }
        PeerMain.exit(0);
    }
}
