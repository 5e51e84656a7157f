package io.ipcbench.peer;

import io.ipcbench.link.Liveness;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark side's {@link Liveness}: waits ask it whether the peer still lives, and its
 * thread kills a peer that stopped making progress (stopped by SIGSTOP, or stuck), or drops a
 * remote peer's connection, so that even a blocking read(2) returns (end of file) and the
 * trial fails within {@link #STALL_SECONDS}
 * plus a moment, with the reason, instead of hanging until JMH's own timeout.
 */
public final class Watchdog implements Liveness, AutoCloseable {
    public static final long STALL_SECONDS = 10;
    private static final long POLL_MILLIS = 250;
    private static final VarHandle PROGRESS;

    static {
        try {
            PROGRESS = MethodHandles.lookup().findVarHandle(Watchdog.class, "progress", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Peer peer;
    private final Thread thread;
    @SuppressWarnings("unused") // accessed through PROGRESS
    private long progress;
    private volatile boolean closed;

    Watchdog(Peer peer) {
        this.peer = peer;
        this.thread = new Thread(this::watch, "ipcbench-watchdog-" + peer.label());
        thread.setDaemon(true);
    }

    /** Starts watching for stalls once the peer is connected and measuring begins. */
    void start() {
        thread.start();
    }

    /** Called by the measuring thread after each operation: an opaque store, no fence. */
    public void progressed() {
        PROGRESS.setOpaque(this, (long) PROGRESS.getOpaque(this) + 1);
    }

    @Override
    public void check(String waitingFor) {
        if (!peer.isAlive()) {
            throw peer.failure(waitingFor);
        }
    }

    @Override
    public RuntimeException gone(String waitingFor) {
        return peer.failure(waitingFor);
    }

    private void watch() {
        long seen = -1;
        long since = System.nanoTime();
        while (!closed && peer.isAlive()) {
            long now = (long) PROGRESS.getOpaque(this);
            if (now != seen) {
                seen = now;
                since = System.nanoTime();
            } else if (System.nanoTime() - since > TimeUnit.SECONDS.toNanos(STALL_SECONDS)) {
                peer.stalled("made no progress for " + STALL_SECONDS + " s");
                return;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
