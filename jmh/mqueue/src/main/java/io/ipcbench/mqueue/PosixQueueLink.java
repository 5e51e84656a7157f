package io.ipcbench.mqueue;

import io.ipcbench.link.FdWait;
import io.ipcbench.link.Link;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.SpinThenCheck;
import io.ipcbench.os.Errno;
import io.ipcbench.os.Libc;
import io.ipcbench.os.MessageQueues;
import io.ipcbench.os.NativeException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One process's end of two POSIX message queues: it sends into {@code out} and receives from
 * {@code in}. The kernel keeps message boundaries: one mq_timedsend is one mq_timedreceive,
 * whole, so a message that arrives with another length than the one due is an error, not a
 * part to loop on. A dead peer shows nothing on a POSIX queue (it stays open and empty), so
 * every blocking call carries a deadline at most {@value #WAIT_BOUND_MILLIS} ms ahead and
 * checks the other side when it passes. The deadline is renewed only after a timeout, not per
 * message: the kernel looks at it only when the call has to sleep, so a stale deadline costs
 * one early return (then a check and a renewal), and the measured calls do no clock reads.
 */
final class PosixQueueLink implements Link {
    static final long WAIT_BOUND_MILLIS = 200;

    private final int out;
    private final int in;
    private final int inMessageBytes;
    private final Liveness other;
    /** Retries of non-blocking calls that found the queue full or empty (EAGAIN). */
    private final SpinThenCheck spin;
    /** Freed by the garbage collector, never while a call that may still write into it is blocked. */
    private final Arena arena = Arena.ofAuto();
    private final MemorySegment deadline = arena.allocate(Libc.TIMESPEC);
    /** For messages shorter than the queue's mq_msgsize (acknowledgements): mq_receive needs room for the largest. */
    private final MemorySegment scratch;

    /** {@code inMessageBytes}: mq_msgsize of queue {@code inName}. */
    PosixQueueLink(String outName, String inName, int inMessageBytes, FdWait wait, Liveness other) {
        int mode = wait == FdWait.BUSY_POLL ? MessageQueues.O_NONBLOCK : 0;
        this.out = MessageQueues.open(outName, MessageQueues.O_WRONLY | mode);
        try {
            this.in = MessageQueues.open(inName, MessageQueues.O_RDONLY | mode);
        } catch (RuntimeException e) {
            MessageQueues.close(out);
            throw e;
        }
        this.inMessageBytes = inMessageBytes;
        this.other = other;
        this.spin = new SpinThenCheck(other);
        this.scratch = arena.allocate(inMessageBytes, 8);
        renewDeadline();
    }

    @Override
    public void send(MemorySegment message, int length) {
        long address = message.address();
        while (true) {
            int r = MessageQueues.timedSend(out, address, length, deadline);
            if (r == 0) {
                return;
            }
            waited(r, "room in the queue", "mq_timedsend");
        }
    }

    @Override
    public void receive(MemorySegment into, int length) {
        boolean direct = length >= inMessageBytes;
        long address = direct ? into.address() : scratch.address();
        while (true) {
            long n = MessageQueues.timedReceive(in, address, direct ? length : inMessageBytes, deadline);
            if (n >= 0) {
                if (n != length) {
                    throw new IllegalStateException("mqueue: a message of " + n + " bytes arrived where one of " + length
                            + " was due: the two ends disagree on the message size");
                }
                if (!direct) {
                    MemorySegment.copy(scratch, 0, into, 0, length);
                }
                return;
            }
            waited((int) n, "a message in the queue", "mq_timedreceive");
        }
    }

    /** After a failed call: spin on EAGAIN (non-blocking), check the other side on ETIMEDOUT; constants only, nothing allocated. */
    private void waited(int r, String waitingFor, String call) {
        if (r == -Errno.EAGAIN) {
            spin.idle(waitingFor);
        } else if (r == -Errno.ETIMEDOUT) {
            other.check(waitingFor);
            renewDeadline();
        } else if (r != -Errno.EINTR) {
            throw new NativeException(call, -r);
        }
    }

    /** mq_timed* take an absolute CLOCK_REALTIME deadline. */
    private void renewDeadline() {
        long until = System.currentTimeMillis() + WAIT_BOUND_MILLIS;
        deadline.set(ValueLayout.JAVA_LONG, 0, until / 1000);
        deadline.set(ValueLayout.JAVA_LONG, 8, (until % 1000) * 1_000_000);
    }

    @Override
    public void close() {
        MessageQueues.close(out);
        MessageQueues.close(in);
    }
}
