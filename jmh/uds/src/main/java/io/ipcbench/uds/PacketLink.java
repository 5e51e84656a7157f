package io.ipcbench.uds;

import io.ipcbench.link.FdWait;
import io.ipcbench.link.Link;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.SpinThenCheck;
import io.ipcbench.os.Errno;
import io.ipcbench.os.Libc;
import io.ipcbench.os.NativeException;
import io.ipcbench.os.Sockets;

import java.lang.foreign.MemorySegment;

/**
 * A {@link Link} over a connected SEQPACKET or DGRAM socket: one send(2) is one message and one
 * recv(2) takes exactly one, so nothing loops over partial messages; instead every length is
 * checked. recv asks for MSG_TRUNC, which makes it return the message's real length: a message
 * longer than expected (whose tail the kernel would silently discard) or shorter fails loudly.
 * <p>
 * BUSY_POLL passes MSG_DONTWAIT and retries EAGAIN at once. BLOCKING sleeps in the kernel; a
 * SEQPACKET socket whose other end dies reads end of file, but a datagram socket has no end of
 * file, so blocking DGRAM sockets carry SO_RCVTIMEO and SO_SNDTIMEO: every 200 ms without a
 * message the other process is checked, and the wait goes on.
 */
final class PacketLink implements Link {
    private static final long TIMED_WAIT_MILLIS = 200;

    private final int fd;
    private final SocketType type;
    private final Liveness other;
    private final SpinThenCheck spin;
    private final boolean busyPoll;
    private final int sendFlags;
    private final int receiveFlags;

    PacketLink(int fd, SocketType type, FdWait wait, Liveness other) {
        this.fd = fd;
        this.type = type;
        this.other = other;
        this.spin = new SpinThenCheck(other);
        this.busyPoll = wait == FdWait.BUSY_POLL;
        int dontWait = busyPoll ? Sockets.MSG_DONTWAIT : 0;
        this.sendFlags = Sockets.MSG_NOSIGNAL | dontWait;
        this.receiveFlags = Sockets.MSG_TRUNC | dontWait;
        if (!busyPoll && type == SocketType.DGRAM) {
            Sockets.setTimeout(fd, Sockets.SO_RCVTIMEO, TIMED_WAIT_MILLIS);
            Sockets.setTimeout(fd, Sockets.SO_SNDTIMEO, TIMED_WAIT_MILLIS);
        }
    }

    @Override
    public void send(MemorySegment message, int length) {
        while (true) {
            long n = Sockets.send(fd, message.address(), length, sendFlags);
            if (n == length) {
                return;
            }
            if (n >= 0) {
                throw new IllegalStateException("uds " + type + ": send(2) took " + n + " bytes of a " + length
                        + "-byte message, where a message moves whole or not at all");
            }
            int errno = (int) -n;
            if (errno == Errno.EAGAIN) {
                waitTurn("room in the socket buffer");
            } else if (isGone(errno)) {
                throw other.gone("its end to take a message of " + length + " bytes");
            } else if (errno == Errno.EMSGSIZE) {
                throw new IllegalStateException("uds " + type + ": a message of " + length
                        + " bytes does not fit the socket send buffer (EMSGSIZE); validate should have refused this size");
            } else if (errno != Errno.EINTR) {
                throw new NativeException("send(fd " + fd + ", " + length + " bytes)", errno);
            }
        }
    }

    @Override
    public void receive(MemorySegment into, int length) {
        while (true) {
            long n = Sockets.recv(fd, into.address(), length, receiveFlags);
            if (n == length) {
                return;
            }
            if (n == 0 && type == SocketType.SEQPACKET) {
                throw other.gone("a message of " + length + " bytes");
            }
            if (n > length) {
                throw new IllegalStateException("uds " + type + ": a message of " + n + " bytes arrived where one of "
                        + length + " was due; only " + length + " fit and the kernel discarded the rest (MSG_TRUNC)");
            }
            if (n >= 0) {
                throw new IllegalStateException("uds " + type + ": a message of " + n + " bytes arrived where one of "
                        + length + " was due: the sender's message boundaries differ from the receiver's");
            }
            int errno = (int) -n;
            if (errno == Errno.EAGAIN) {
                waitTurn("a message");
            } else if (isGone(errno)) {
                throw other.gone("a message of " + length + " bytes");
            } else if (errno != Errno.EINTR) {
                throw new NativeException("recv(fd " + fd + ", " + length + " bytes)", errno);
            }
        }
    }

    /** EAGAIN: a busy-poll turn, or a timed blocking wait that expired; either way, is the other side still there? */
    private void waitTurn(String waitingFor) {
        if (!busyPoll) {
            other.check(waitingFor);
            return;
        }
        spin.idle(waitingFor);
    }

    private static boolean isGone(int errno) {
        return errno == Errno.EPIPE || errno == Errno.ECONNREFUSED || errno == Errno.ECONNRESET;
    }

    @Override
    public void close() {
        Libc.close(fd);
    }
}
