package io.ipcbench.peer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Judges the load clients of a request/response trial ({@link ServerSession}, peers 2 to C of its
 * {@link PeerGroup}), which talk only to the server process: the benchmark JVM never sees their
 * requests, so a load client's progress is its CPU time, read from /proc every {@value #POLL_MILLIS} ms
 * while an iteration runs. A client doing round trips always spends some; a stopped or stuck
 * one spends none, and its watchdog kills it once its stall bound has passed.
 */
final class LoadWatch implements AutoCloseable {
    private static final long POLL_MILLIS = 250;
    /** utime and stime in /proc/<pid>/stat, counted from the state field after the command's closing parenthesis. */
    private static final int UTIME_AFTER_STATE = 11;

    private final PeerGroup peers;
    private final long[] seen;
    private final Thread thread;
    private boolean watching;
    private volatile boolean closed;

    LoadWatch(PeerGroup peers) {
        this.peers = peers;
        this.seen = new long[peers.size()];
        this.thread = new Thread(this::watch, "ipcbench-load-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /** From now, a load client whose CPU time does not move is judged. */
    synchronized void begin() {
        watching = true;
        for (int i = 1; i < peers.size(); i++) {
            peers.watchdog(i).operationBegins();
        }
    }

    /** Until {@link #begin}, none is. */
    synchronized void end() {
        watching = false;
        for (int i = 1; i < peers.size(); i++) {
            peers.watchdog(i).progressed();
        }
    }

    private void watch() {
        while (!closed) {
            tick();
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void tick() {
        for (int i = 1; i < peers.size(); i++) {
            long ticks = cpuTicks(peers.peer(i).pid());
            if (ticks != seen[i]) {
                seen[i] = ticks;
                if (watching) {
                    Watchdog watchdog = peers.watchdog(i);
                    watchdog.progressed();
                    watchdog.operationBegins();
                }
            }
        }
    }

    /** User plus system clock ticks of every thread of process {@code pid}; -1 once it is gone. */
    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[UTIME_AFTER_STATE]) + Long.parseLong(fields[UTIME_AFTER_STATE + 1]);
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
