package io.ipcbench.udp;

import io.ipcbench.os.Libc;
import io.ipcbench.os.Native;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * UDP sockets on the IPv4 loopback through socket(2), which the harness's {@code Sockets} (AF_UNIX
 * only) does not open: set-up calls throw, {@link #sendmsg} and {@link #recvmsg} return
 * {@code -errno} and allocate nothing (the message header is the caller's, built once).
 */
final class InetDatagrams {
    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 02000000;
    /** struct sockaddr_in: sin_family, sin_port (network order), sin_addr (network order), 8 bytes of zeros. */
    private static final int SOCKADDR_IN_BYTES = 16;
    private static final int LOOPBACK = 0x7F000001;
    private static final ByteOrder NETWORK = ByteOrder.BIG_ENDIAN;

    /** struct msghdr on x86-64 and aarch64: name, namelen (+4 padding), iov, iovlen, control, controllen, flags (+4). */
    static final long MSGHDR_BYTES = 56;
    static final long MSG_IOV = 16;
    static final long MSG_IOVLEN = 24;
    /** struct iovec: base, len. */
    static final long IOVEC_BYTES = 16;

    // int socket(int domain, int type, int protocol);
    private static final MethodHandle SOCKET = Native.errnoCall("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    // int bind(int sockfd, const struct sockaddr *addr, socklen_t addrlen);
    private static final MethodHandle BIND = Native.errnoCall("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    // int connect(int sockfd, const struct sockaddr *addr, socklen_t addrlen);
    private static final MethodHandle CONNECT = Native.errnoCall("connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    // int getsockname(int sockfd, struct sockaddr *addr, socklen_t *addrlen);
    private static final MethodHandle GETSOCKNAME = Native.errnoCall("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    // ssize_t sendmsg(int sockfd, const struct msghdr *msg, int flags);  msg as a raw address
    private static final MethodHandle SENDMSG = Native.errnoCall("sendmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT));
    // ssize_t recvmsg(int sockfd, struct msghdr *msg, int flags);  msg as a raw address
    private static final MethodHandle RECVMSG = Native.errnoCall("recvmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT));

    private InetDatagrams() {}

    /** A UDP socket bound to 127.0.0.1 on a port the kernel picks. */
    static int bindLoopback() {
        int fd;
        try {
            MemorySegment errno = Native.errnoSegment();
            fd = (int) Native.check("socket(AF_INET, SOCK_DGRAM)", (int) SOCKET.invokeExact(errno, AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Native.errnoSegment();
            Native.check("bind(127.0.0.1:0)", (int) BIND.invokeExact(errno, fd, loopback(arena, 0), SOCKADDR_IN_BYTES), errno);
            return fd;
        } catch (Throwable t) {
            Libc.close(fd);
            throw Native.rethrow(t);
        }
    }

    /** The port {@code fd} is bound to. */
    static int port(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment address = arena.allocate(SOCKADDR_IN_BYTES);
            MemorySegment length = arena.allocateFrom(JAVA_INT, SOCKADDR_IN_BYTES);
            MemorySegment errno = Native.errnoSegment();
            Native.check("getsockname(" + fd + ")", (int) GETSOCKNAME.invokeExact(errno, fd, address, length), errno);
            return Short.toUnsignedInt(address.get(JAVA_SHORT.withOrder(NETWORK), 2));
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** Connects {@code fd} to 127.0.0.1:{@code port}: it then sends only there and receives only from there. */
    static void connect(int fd, int port) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Native.errnoSegment();
            Native.check("connect(127.0.0.1:" + port + ")", (int) CONNECT.invokeExact(errno, fd, loopback(arena, port), SOCKADDR_IN_BYTES), errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** sendmsg(2) of the message header at {@code msghdr}: bytes sent, or -errno. */
    static long sendmsg(int fd, long msghdr, int flags) {
        try {
            MemorySegment errno = Native.errnoSegment();
            long n = (long) SENDMSG.invokeExact(errno, fd, msghdr, flags);
            return n >= 0 ? n : -Native.errno(errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** recvmsg(2) into the message header at {@code msghdr}: bytes received (with MSG_TRUNC, the datagram's real length), or -errno. */
    static long recvmsg(int fd, long msghdr, int flags) {
        try {
            MemorySegment errno = Native.errnoSegment();
            long n = (long) RECVMSG.invokeExact(errno, fd, msghdr, flags);
            return n >= 0 ? n : -Native.errno(errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    private static MemorySegment loopback(Arena arena, int port) {
        MemorySegment address = arena.allocate(SOCKADDR_IN_BYTES);
        address.set(JAVA_SHORT, 0, (short) AF_INET);
        address.set(JAVA_SHORT.withOrder(NETWORK), 2, (short) port);
        address.set(JAVA_INT.withOrder(NETWORK), 4, LOOPBACK);
        address.asSlice(8, 8).fill((byte) 0);
        return address;
    }
}
