package io.ipcbench.uds;

import io.ipcbench.os.Errno;
import io.ipcbench.os.Libc;
import io.ipcbench.os.NativeException;
import io.ipcbench.os.Sockets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How large a SEQPACKET or DGRAM message a socket may send. Linux refuses (EMSGSIZE) a message
 * longer than the sender's SO_SNDBUF less 32 bytes: an AF_UNIX message is charged to its
 * sender's buffer until it is received, and the receiver's SO_RCVBUF plays no part. The buffer
 * is raised only when the kernel's default cannot hold one message (so small messages run as an
 * application's would): SO_SNDBUF asks for the message size and the kernel doubles it, capped at
 * twice net.core.wmem_max. Separately, a message must fit one socket buffer whose linear part is
 * a single kernel allocation (4 MiB on x86-64): beyond that send fails with ENOBUFS, whatever the sysctls.
 */
final class SendBuffer {
    /** unix_dgram_sendmsg: {@code if (len > sk->sk_sndbuf - 32) return -EMSGSIZE}. */
    private static final int KERNEL_RESERVE = 32;
    static final Path WMEM_MAX = Path.of("/proc/sys/net/core/wmem_max");

    private SendBuffer() {}

    /** Raises {@code fd}'s SO_SNDBUF if its current size cannot hold one message; returns the largest message it can now send. */
    static int fit(int fd, int size) {
        if (size > largest(fd)) {
            Sockets.setIntOption(fd, Sockets.SO_SNDBUF, (int) Math.min(size, wmemMax()));
        }
        return largest(fd);
    }

    /**
     * For validate: refuses a size this kernel cannot carry as one {@code type} message, by
     * sending one through a socket pair set up as the trial's sockets will be.
     */
    static void requireCarries(SocketType type, int size) {
        int[] pair = Sockets.socketpair(type.code | Sockets.SOCK_NONBLOCK);
        try (Arena arena = Arena.ofConfined()) {
            int largest = fit(pair[0], size);
            if (size > largest) {
                throw new IllegalArgumentException(refusal(type, size) + "the largest is " + largest
                        + " bytes: the socket send buffer less 32, and the kernel caps the buffer at twice net.core.wmem_max ("
                        + wmemMax() + " here). Raise it (sysctl -w net.core.wmem_max=" + size + ") or choose a smaller size");
            }
            MemorySegment message = arena.allocate(size);
            long sent = Sockets.send(pair[0], message.address(), size, Sockets.MSG_DONTWAIT | Sockets.MSG_NOSIGNAL);
            if (sent == -Errno.ENOBUFS) {
                throw new IllegalArgumentException(refusal(type, size) + "sending one failed with ENOBUFS: a message must fit"
                        + " a single kernel allocation (4 MiB on x86-64), which no sysctl raises. Choose a smaller size");
            }
            if (sent < 0) {
                throw new NativeException("send(a " + type + " probe of " + size + " bytes)", (int) -sent);
            }
            long received = Sockets.recv(pair[1], message.address(), size, Sockets.MSG_DONTWAIT | Sockets.MSG_TRUNC);
            if (sent != size || received != size) {
                throw new IllegalStateException("uds " + type + ": a probe message of " + size + " bytes went out as "
                        + sent + " and came back as " + received);
            }
        } finally {
            Libc.close(pair[0]);
            Libc.close(pair[1]);
        }
    }

    static long wmemMax() {
        try {
            // not Files.readString: on /proc/sys files (size 0) it returned only the first byte
            return Long.parseLong(Files.readAllLines(WMEM_MAX).getFirst().strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + WMEM_MAX + ", the cap on socket send buffers", e);
        }
    }

    private static int largest(int fd) {
        return Sockets.intOption(fd, Sockets.SO_SNDBUF) - KERNEL_RESERVE;
    }

    private static String refusal(SocketType type, int size) {
        return "uds: size=" + size + " is more than one " + type + " message can carry on this kernel: ";
    }
}
