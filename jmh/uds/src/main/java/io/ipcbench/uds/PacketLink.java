package io.ipcbench.uds;

import io.ipcbench.link.FdWait;
import io.ipcbench.link.Link;
import io.ipcbench.link.Liveness;
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
 * How each end waits: {@link SocketWait}.
 */
final class PacketLink implements Link {
    private final int fd;
    private final SocketType type;
    private final SocketWait wait;
    private final int sendFlags;
    private final int receiveFlags;

    PacketLink(int fd, SocketType type, FdWait wait, Liveness other) {
        this.fd = fd;
        this.type = type;
        this.wait = new SocketWait(fd, type, wait, other);
        this.sendFlags = Sockets.MSG_NOSIGNAL | this.wait.dontWait();
        this.receiveFlags = Sockets.MSG_TRUNC | this.wait.dontWait();
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
                wait.turn("room in the socket buffer");
            } else if (SocketWait.isGone(errno)) {
                throw wait.gone("its end to take a message of " + length + " bytes");
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
                throw wait.gone("a message of " + length + " bytes");
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
                wait.turn("a message");
            } else if (SocketWait.isGone(errno)) {
                throw wait.gone("a message of " + length + " bytes");
            } else if (errno != Errno.EINTR) {
                throw new NativeException("recv(fd " + fd + ", " + length + " bytes)", errno);
            }
        }
    }

    @Override
    public void close() {
        Libc.close(fd);
    }
}
