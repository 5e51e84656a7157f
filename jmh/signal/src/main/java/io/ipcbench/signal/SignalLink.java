package io.ipcbench.signal;

import io.ipcbench.link.Link;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.SpinThenCheck;
import io.ipcbench.os.Errno;
import io.ipcbench.os.Libc;
import io.ipcbench.os.NativeException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Link} whose messages are signals: each is sent to one thread of the other process
 * and taken, in the thread that created this end, with sigtimedwait(2), the signal blocked there
 * so that it waits for us instead of running a handler. Messages carry no payload (length 0).
 * Every signal taken is checked: it comes from the other process (si_pid), and a realtime one
 * carries the next sequence number of its direction, so a lost, repeated or foreign signal fails
 * the trial instead of being counted. (si_code is not checked: what tgkill(2) leaves there,
 * SI_TKILL or SI_USER, differs between kernel versions.)
 */
public final class SignalLink implements Link {
    /** How long one sigtimedwait may sleep before the other side is checked. */
    private static final long WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final SignalKind kind;
    private final int signal;
    private final int otherPid;
    private final int otherTid;
    private final Liveness other;
    /** Retries while the realtime queue is full (EAGAIN). */
    private final SpinThenCheck spin;
    private final Thread receiver;
    private final int receiverTid;
    // Never closed: a shutdown hook may close the link while sigtimedwait still uses these.
    private final Arena arena = Arena.ofAuto();
    private final MemorySegment set;
    private final MemorySegment info;
    private final MemorySegment timeout;
    private final MemorySegment queueInfo;
    private long sent;
    private long received;

    /**
     * Blocks the signal in the calling thread, which becomes the receiving thread, before the
     * other process learns its id ({@link #receiverTid}): nothing can arrive unblocked. The signal
     * stays blocked after close: one arriving late must wait, never terminate the JVM.
     */
    SignalLink(SignalKind kind, Liveness other, int otherPid, int otherTid) {
        if (Thread.currentThread().isVirtual()) {
            throw new IllegalStateException("signal: the receiving thread is a virtual thread, which may move between OS threads;"
                    + " signals go to one OS thread: run on a platform thread (JMH's default executor)");
        }
        this.kind = kind;
        this.signal = kind.signal();
        this.other = other;
        this.spin = new SpinThenCheck(other);
        this.otherPid = otherPid;
        this.otherTid = otherTid;
        this.set = Signals.setOf(arena, signal);
        Signals.blockInThisThread(set);
        this.receiver = Thread.currentThread();
        this.receiverTid = Signals.gettid();
        this.info = Signals.info(arena);
        this.timeout = arena.allocate(Libc.TIMESPEC);
        this.queueInfo = Signals.queueInfo(arena, signal);
        discardPending();
        timeout.set(ValueLayout.JAVA_LONG, 8, WAIT_NANOS);
    }

    /** The thread that takes this end's signals, for the other process to send to. */
    int receiverTid() {
        return receiverTid;
    }

    /**
     * Blocks {@code kind}'s signal in the calling thread ahead of creating the link there, and
     * returns the thread's id: what the other process must know before it can answer.
     */
    static int blockInThisThread(SignalKind kind) {
        try (Arena setup = Arena.ofConfined()) {
            Signals.blockInThisThread(Signals.setOf(setup, kind.signal()));
        }
        return Signals.gettid();
    }

    @Override
    public void send(MemorySegment message, int length) {
        requireEmpty(length);
        while (true) {
            int r = kind == SignalKind.STANDARD
                    ? Signals.tgkill(otherPid, otherTid, signal)
                    : Signals.queue(otherPid, otherTid, signal, queueInfo, sent);
            if (r == 0) {
                sent++;
                return;
            } else if (r == -Errno.ESRCH) {
                throw other.gone("its thread to take a signal (it no longer exists)");
            } else if (r == -Errno.EAGAIN) {
                spin.idle("room in the realtime signal queue (RLIMIT_SIGPENDING)");
            } else if (r != -Errno.EINTR) {
                throw new NativeException(kind == SignalKind.STANDARD ? "tgkill" : "rt_tgsigqueueinfo", -r);
            }
        }
    }

    @Override
    public void receive(MemorySegment into, int length) {
        requireEmpty(length);
        if (Thread.currentThread() != receiver) {
            throw new IllegalStateException("signal: " + Thread.currentThread() + " waits for a signal, but the other process sends"
                    + " them to " + receiver + " (tid " + receiverTid + "): the thread that opened the link must be the one that receives");
        }
        while (true) {
            int r = Signals.timedWait(set, info, timeout);
            if (r == signal) {
                break;
            } else if (r == -Errno.EAGAIN) {
                other.check("a signal");
            } else if (r != -Errno.EINTR) {
                throw new NativeException("sigtimedwait", -r);
            }
        }
        check();
        received++;
    }

    /**
     * Takes, without waiting, what an earlier trial on this thread left pending (a reply that
     * arrived after its peer failed), which would otherwise pass for this trial's first message.
     * The other process sends nothing before it has received, so nothing of this trial is lost.
     */
    private void discardPending() {
        while (Signals.timedWait(set, info, timeout) == signal) {
            System.err.println("signal: discarded signal " + signal + " from pid " + info.get(ValueLayout.JAVA_INT, Signals.SI_PID)
                    + ", left pending by an earlier trial on this thread");
        }
    }

    private void check() {
        int pid = info.get(ValueLayout.JAVA_INT, Signals.SI_PID);
        if (pid != otherPid) {
            throw new IllegalStateException("signal " + kind + ": took signal " + signal + " from pid " + pid
                    + ", not from the other process (pid " + otherPid + "): another process sent it");
        }
        long seq = info.get(ValueLayout.JAVA_LONG, Signals.SI_VALUE);
        if (kind == SignalKind.REALTIME && seq != received) {
            throw new IllegalStateException("signal REALTIME: took sequence number " + seq + " where " + received
                    + " was due: a signal was lost, repeated or reordered");
        }
    }

    private static void requireEmpty(int length) {
        if (length != 0) {
            throw new IllegalArgumentException("signal: a signal carries no payload, but a message of " + length + " bytes was asked");
        }
    }

    @Override
    public void close() {
        // nothing to release: the signal stays blocked in the receiving thread (see the constructor)
    }
}
