package io.ipcbench.eventfd;

import io.ipcbench.link.Link;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.SpinThenCheck;
import io.ipcbench.os.Errno;
import io.ipcbench.os.Libc;
import io.ipcbench.os.NativeException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * COUNTER: two eventfds, one per direction, and nothing else. A send writes 1 to the other
 * process's eventfd; a receive reads this process's eventfd straight into the caller's 8-byte
 * buffer, and the count read must be exactly 1. The count is the whole message: the sender's
 * bytes are not carried, every message is the value 1. eventfd adds up writes not yet read, so
 * a count of 2 means two messages arrived as one: this shape is a ping-pong (one message in
 * flight each way) and cannot carry a stream, which the check reports instead of miscounting.
 */
final class CounterLink implements Link {
    /** What every message adds to the counter. */
    static final long MESSAGE = 1;

    private final int own;
    private final int other;
    private final Liveness otherSide;
    private final SpinThenCheck spin;
    private final Runnable release;
    private final MemorySegment message = Arena.ofAuto().allocate(8, 8);

    /** Reads {@code own} (non-blocking for BUSY_POLL: EAGAIN is retried), writes {@code other}; {@code release} closes them. */
    CounterLink(int own, int other, Liveness otherSide, Runnable release) {
        this.own = own;
        this.other = other;
        this.otherSide = otherSide;
        this.spin = new SpinThenCheck(otherSide);
        this.release = release;
        message.set(ValueLayout.JAVA_LONG, 0, MESSAGE);
    }

    @Override
    public void send(MemorySegment ignored, int length) {
        for (long n; (n = Libc.write(other, message.address(), 8)) != 8; ) {
            if (n != -Errno.EINTR) {
                throw new NativeException("write(eventfd " + other + ")", (int) -n);
            }
        }
    }

    @Override
    public void receive(MemorySegment into, int length) {
        for (long n; (n = Libc.read(own, into.address(), 8)) != 8; ) {
            if (n == -Errno.EAGAIN) {
                spin.idle("a write to the eventfd");
            } else if (n != -Errno.EINTR) {
                throw new NativeException("read(eventfd " + own + ")", (int) -n);
            }
        }
        long count = into.get(ValueLayout.JAVA_LONG_UNALIGNED, 0);
        if (count != MESSAGE) {
            otherSide.check("a write to the eventfd");
            throw new IllegalStateException("eventfd: read a count of " + count + " where " + MESSAGE + " was due: "
                    + "shape=COUNTER carries one message at a time each way, and eventfd adds up writes not yet read");
        }
    }

    @Override
    public void close() {
        release.run();
    }
}
