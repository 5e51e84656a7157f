package io.ipcbench.eventfd;

import io.ipcbench.os.Libc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

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
    private final Thread waiter;
    private boolean closed;

    private PeerExitBell(Process peer, int fd) {
        this.fd = fd;
        count.set(ValueLayout.JAVA_LONG, 0, COUNT);
        waiter = new Thread(() -> ringOnExit(peer), "ipcbench-exit-bell-" + peer.pid());
        waiter.setDaemon(true);
    }

    /**
     * Rings {@code fd} when the peer has exited (at once if it already has), until closed. The ring
     * comes after {@link Process#waitFor()} returns, which it does only once the Process reports the
     * peer dead: the woken reader asks exactly that. A ring that came earlier (a
     * {@code ProcessHandle.onExit()} completes as soon as the kernel reports the exit, before the
     * Process's reaper has recorded it) could find the peer still "alive", send the reader back to
     * read(2) and leave it blocked for ever.
     * <p>
     * The wait has a thread of its own. The Process's {@code onExit()} also waits for that report,
     * but its future is completed by a task on the common ForkJoinPool, which has a single worker
     * on a 2-CPU machine: any other task blocked there holds the ring back, and the reader with it.
     * {@link #close} ends the thread; a bell left unclosed (a connect that failed after arming it)
     * keeps its thread, a daemon, only until the peer exits, which the end of every trial brings.
     */
    static PeerExitBell arm(Process peer, int fd) {
        PeerExitBell bell = new PeerExitBell(peer, fd);
        bell.waiter.start();
        return bell;
    }

    private void ringOnExit(Process peer) {
        try {
            peer.waitFor();
        } catch (InterruptedException e) {
            return; // closed: nobody reads the eventfd any more
        }
        ring();
    }

    private synchronized void ring() {
        if (!closed) {
            Libc.write(fd, count.address(), 8);
        }
    }

    /**
     * After this returns the descriptor may be closed: no ring is under way or will come. It also
     * interrupts the wait, so the thread ends now rather than when the peer does and holds on to
     * neither the Process nor this bell past the trial.
     */
    @Override
    public synchronized void close() {
        closed = true;
        waiter.interrupt();
    }
}
