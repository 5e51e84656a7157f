package io.ipcbench.mqueue;

import io.ipcbench.link.FdWait;
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
 * One open descriptor of a POSIX message queue, sending or receiving, with bounded waits. The
 * kernel keeps message boundaries: one mq_timedsend is one mq_timedreceive, whole, so a message
 * that arrives with another length than the one due is an error, not a part to loop on. A dead
 * process at the other end shows nothing on a POSIX queue (it stays open and empty), so every
 * blocking call carries a deadline at most {@value #WAIT_BOUND_MILLIS} ms ahead and checks the
 * other side when it passes. The deadline is renewed only after a timeout, not per message: the
 * kernel looks at it only when the call has to sleep, so a stale deadline costs one early return
 * (then a check and a renewal), and the measured calls do no clock reads.
 */
final class PosixQueueEnd implements AutoCloseable {
    static final long WAIT_BOUND_MILLIS = 200;

    private final int mqd;
    /** mq_msgsize of the queue: mq_receive needs room for the largest message. */
    private final int messageBytes;
    private final Liveness other;
    /** Retries of non-blocking calls that found the queue full or empty (EAGAIN). */
    private final SpinThenCheck spin;
    /** Freed by the garbage collector, never while a call that may still write into it is blocked. */
    private final Arena arena = Arena.ofAuto();
    private final MemorySegment deadline = arena.allocate(Libc.TIMESPEC);
    /** For messages shorter than the queue's mq_msgsize (acknowledgements). */
    private final MemorySegment scratch;

    /** {@code direction}: {@link MessageQueues#O_WRONLY} or {@link MessageQueues#O_RDONLY}; {@code messageBytes}: the queue's mq_msgsize (a sending end needs none: 0). */
    PosixQueueEnd(String name, int direction, int messageBytes, FdWait wait, Liveness other) {
        this.mqd = MessageQueues.open(name, direction | (wait == FdWait.BUSY_POLL ? MessageQueues.O_NONBLOCK : 0));
        this.messageBytes = messageBytes;
        this.other = other;
        this.spin = new SpinThenCheck(other);
        this.scratch = direction == MessageQueues.O_RDONLY ? arena.allocate(messageBytes, 8) : MemorySegment.NULL;
        renewDeadline();
    }

    void send(MemorySegment message, int length) {
        long address = message.address();
        while (true) {
            int r = MessageQueues.timedSend(mqd, address, length, deadline);
            if (r == 0) {
                return;
            }
            waited(r, "room in the queue", "mq_timedsend");
        }
    }

    void receive(MemorySegment into, int length) {
        boolean direct = length >= messageBytes;
        long address = direct ? into.address() : scratch.address();
        while (true) {
            long n = MessageQueues.timedReceive(mqd, address, direct ? length : messageBytes, deadline);
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
        MessageQueues.close(mqd);
    }
}
