package io.ipcbench.mqueue;

import io.ipcbench.link.FdWait;
import io.ipcbench.link.Link;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.SpinThenCheck;
import io.ipcbench.os.Errno;
import io.ipcbench.os.NativeException;
import io.ipcbench.os.SysvMessageQueues;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One process's end of two System V message queues: it sends into {@code out} and receives
 * from {@code in}. A System V message is a {@code long} type followed by the text, in one
 * buffer, so each end stages messages in a native buffer of its own behind that type: one
 * memcpy per send and per receive that an application building its messages in place would
 * not pay (a few hundred nanoseconds at 8 KiB, against a wake-up of tens of microseconds).
 * The kernel keeps message boundaries, so a message of another length than the one due is an
 * error. A queue has no end of file: when the other process dies, a process asleep in msgsnd
 * or msgrcv stays asleep until the queue is removed, which wakes it with EIDRM. The benchmark
 * side removes both queues as soon as its peer exits (see {@link MqueueMechanism}), and the
 * watchdog kills a peer that stopped, so a blocked call always returns; the peer dies with its
 * parent (PR_SET_PDEATHSIG). With BUSY_POLL the calls carry IPC_NOWAIT and the other side is
 * checked every few thousand retries as well.
 */
final class SysvQueueLink implements Link {
    /** Any positive type will do: receivers take the first message whatever its type. */
    private static final long TYPE = 1;

    private final int out;
    private final int in;
    private final int flags;
    private final int capacity;
    private final Liveness other;
    /** Retries of IPC_NOWAIT calls that found the queue full or empty (EAGAIN, ENOMSG). */
    private final SpinThenCheck spin;
    /** Freed by the garbage collector, never while a call that may still write into it is blocked. */
    private final Arena arena = Arena.ofAuto();
    private final MemorySegment outgoing;
    private final MemorySegment incoming;

    /** {@code capacity}: the largest message text either direction carries. */
    SysvQueueLink(int out, int in, int capacity, FdWait wait, Liveness other) {
        this.out = out;
        this.in = in;
        this.flags = wait == FdWait.BUSY_POLL ? SysvMessageQueues.IPC_NOWAIT : 0;
        this.capacity = capacity;
        this.other = other;
        this.spin = new SpinThenCheck(other);
        this.outgoing = arena.allocate(Long.BYTES + capacity, 8);
        this.incoming = arena.allocate(Long.BYTES + capacity, 8);
        outgoing.set(ValueLayout.JAVA_LONG, 0, TYPE);
    }

    @Override
    public void send(MemorySegment message, int length) {
        if (length > capacity) {
            throw new IllegalArgumentException("a " + length + "-byte message does not fit this link's " + capacity + "-byte buffers");
        }
        MemorySegment.copy(message, 0, outgoing, Long.BYTES, length);
        while (true) {
            int r = SysvMessageQueues.send(out, outgoing.address(), length, flags);
            if (r == 0) {
                return;
            }
            waited(r, "room in the queue", "msgsnd");
        }
    }

    @Override
    public void receive(MemorySegment into, int length) {
        while (true) {
            long n = SysvMessageQueues.receive(in, incoming.address(), capacity, flags);
            if (n >= 0) {
                if (n != length) {
                    throw new IllegalStateException("mqueue: a message of " + n + " bytes arrived where one of " + length
                            + " was due: the two ends disagree on the message size");
                }
                MemorySegment.copy(incoming, Long.BYTES, into, 0, length);
                return;
            }
            waited((int) n, "a message in the queue", "msgrcv");
        }
    }

    /** After a failed call: spin when IPC_NOWAIT found the queue full or empty; the queue's removal means the other side is gone. */
    private void waited(int r, String waitingFor, String call) {
        if (r == -Errno.EAGAIN || r == -SysvMessageQueues.ENOMSG) {
            spin.idle(waitingFor);
        } else if (r == -SysvMessageQueues.EIDRM || r == -Errno.EINVAL) {
            throw other.gone(waitingFor);
        } else if (r != -Errno.EINTR) {
            throw new NativeException(call, -r);
        }
    }

    /** Nothing to close per process: the queues are removed with the trial's named objects. */
    @Override
    public void close() {}
}
