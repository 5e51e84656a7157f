package io.ipcbench.eventfd;

import io.ipcbench.os.Libc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.CompletableFuture;

/**
 * A read(2) blocked on an eventfd does not return when the process that would write it dies: an
 * eventfd has no end of file, and this process holds both ends. So the benchmark side arms this
 * on the eventfd it reads: when the peer exits (killed, crashed, or killed by the watchdog for
 * stalling), it adds a count no message uses; the blocked reader wakes, finds no message, checks
 * the peer and fails naming the cause. The hot path keeps one read(2) per wake, where a poll(2)
 * with a timeout before each read would add a system call to every message.
 */
final class PeerExitBell implements AutoCloseable {
    /** Added once when the peer exits: far from the 1 a message adds. */
    static final long COUNT = 1L << 32;

    private final int fd;
    private final MemorySegment count = Arena.ofAuto().allocate(8, 8);
    private boolean closed;

    private PeerExitBell(int fd) {
        this.fd = fd;
        count.set(ValueLayout.JAVA_LONG, 0, COUNT);
    }

    /**
     * Rings {@code fd} when the peer has exited (at once if it already has), until closed. It is
     * armed on the peer {@link Process}'s own {@code onExit()}, which completes only once the
     * Process reports the peer dead: the woken reader asks exactly that. A ring that came earlier
     * (a {@code ProcessHandle.onExit()} completes as soon as the kernel reports the exit, before the
     * Process's reaper has recorded it) could find the peer still "alive", send the reader back to
     * read(2) and leave it blocked for ever.
     */
    static PeerExitBell arm(CompletableFuture<Process> exited, int fd) {
        PeerExitBell bell = new PeerExitBell(fd);
        exited.thenRun(bell::ring);
        return bell;
    }

    private synchronized void ring() {
        if (!closed) {
            Libc.write(fd, count.address(), 8);
        }
    }

    /** After this returns the descriptor may be closed: no ring is under way or will come. */
    @Override
    public synchronized void close() {
        closed = true;
    }
}
