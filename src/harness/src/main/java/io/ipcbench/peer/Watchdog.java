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
 *
 * <p>It judges only operations under way: the measuring thread marks each one's start
 * ({@link #operationBegins}) and end ({@link #progressed}) in one counter, odd while an operation
 * runs. A stall is an odd count that has not moved for {@link #STALL_SECONDS}. Between operations
 * the benchmark is not waiting on the peer, so an idle peer is never judged, however long the
 * benchmark side takes elsewhere (other trials opening, JMH between iterations, a busy machine).
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
    private final long stallSeconds;
    private final Thread thread;
    @SuppressWarnings("unused") // accessed through PROGRESS
    private long progress;
    private volatile boolean closed;

    Watchdog(Peer peer) {
        this(peer, STALL_SECONDS);
    }

    /** With another stall bound: for tests, which cannot wait {@link #STALL_SECONDS} for every case. */
    Watchdog(Peer peer, long stallSeconds) {
        this.peer = peer;
        this.stallSeconds = stallSeconds;
        this.thread = new Thread(this::watch, "ipcbench-watchdog-" + peer.label());
        thread.setDaemon(true);
    }

    /** Starts watching for stalls once the peer is connected. */
    void start() {
        thread.start();
    }

    /** Called by the measuring thread before each operation: an opaque store, no fence. */
    public void operationBegins() {
        PROGRESS.setOpaque(this, (long) PROGRESS.getOpaque(this) | 1);
    }

    /** Called by the measuring thread after each operation: an opaque store, no fence. */
    public void progressed() {
        PROGRESS.setOpaque(this, ((long) PROGRESS.getOpaque(this) | 1) + 1);
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
            if (now != seen || (now & 1) == 0) {
                seen = now;
                since = System.nanoTime();
            } else if (System.nanoTime() - since > TimeUnit.SECONDS.toNanos(stallSeconds)) {
                peer.stalled("made no progress for " + stallSeconds + " s");
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
