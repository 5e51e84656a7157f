package io.ipcbench.link;

import java.util.concurrent.CompletableFuture;

/**
 * The peer JVM as a mechanism's {@link Mechanism.Offer} sees it while connecting the benchmark's
 * end: its pid (to take its descriptors with pidfd_getfd), the values it exported, and its exit
 * (a future, or the process itself to wait on). The peer package's process handle implements it;
 * a mechanism needs nothing more of the process.
 */
public interface ForkedPeer {
    /**
     * How long the peer may take to start and answer before the trial fails. A JVM starts in well
     * under a second on an idle machine, but took over 15 s on one CPU shared with a loaded
     * machine's other work (load average 25 on 2 vCPUs): four times that. A peer that dies is
     * noticed at once, however long this is; only a peer alive and silent waits it out. Set-up
     * waits on either side (a FIFO's other end, a connection to accept) are bounded by it too.
     */
    long HANDSHAKE_TIMEOUT_SECONDS = 60;

    long pid();

    /** Waits for the peer's {@code EXPORT key=value} line and returns the value. */
    String awaitExport(String key);

    /** Completes once the peer has exited and the process reports it dead. */
    CompletableFuture<Process> onExit();

    /**
     * The peer's process, for a mechanism that must act on its exit without delay: it can wait for
     * it ({@link Process#waitFor()}) on a thread of its own, where the actions of {@link #onExit()}
     * run on the common ForkJoinPool, which any other task blocked there holds up.
     */
    Process process();
}
