package io.ipcbench.uds;

import io.ipcbench.link.FdWait;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.SpinThenCheck;
import io.ipcbench.os.Errno;
import io.ipcbench.os.Sockets;

/**
 * How an end of a socket(2) link waits, whatever it moves ({@link PacketLink}, {@link FdPassingLink}).
 * BUSY_POLL passes MSG_DONTWAIT and retries EAGAIN at once. BLOCKING sleeps in the kernel; a
 * connected socket whose other end dies reads end of file, but a datagram socket has no end of
 * file, so blocking DGRAM sockets carry SO_RCVTIMEO and SO_SNDTIMEO: every 200 ms without a
 * message the other process is checked, and the wait goes on.
 */
final class SocketWait {
    private static final long TIMED_WAIT_MILLIS = 200;

    private final Liveness other;
    private final SpinThenCheck spin;
    private final boolean busyPoll;

    SocketWait(int fd, SocketType type, FdWait wait, Liveness other) {
        this.other = other;
        this.spin = new SpinThenCheck(other);
        this.busyPoll = wait == FdWait.BUSY_POLL;
        if (!busyPoll && type == SocketType.DGRAM) {
            Sockets.setTimeout(fd, Sockets.SO_RCVTIMEO, TIMED_WAIT_MILLIS);
            Sockets.setTimeout(fd, Sockets.SO_SNDTIMEO, TIMED_WAIT_MILLIS);
        }
    }

    /** The flag every send and receive carries: MSG_DONTWAIT when polling. */
    int dontWait() {
        return busyPoll ? Sockets.MSG_DONTWAIT : 0;
    }

    /** EAGAIN: a busy-poll turn, or a timed blocking wait that expired; either way, is the other side still there? */
    void turn(String waitingFor) {
        if (!busyPoll) {
            other.check(waitingFor);
            return;
        }
        spin.idle(waitingFor);
    }

    /** The exception to throw once the other end is found closed. */
    RuntimeException gone(String waitingFor) {
        return other.gone(waitingFor);
    }

    /** The errno values of a send or receive whose other end is closed. */
    static boolean isGone(int errno) {
        return errno == Errno.EPIPE || errno == Errno.ECONNREFUSED || errno == Errno.ECONNRESET;
    }
}
