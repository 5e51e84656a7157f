package io.ipcbench.os;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * Unix domain sockets through socket(2), for the types java.nio lacks (SOCK_SEQPACKET,
 * SOCK_DGRAM), and TCP loopback sockets for servers that wait on raw descriptors ({@link Epoll}). As in {@link Libc}, send and recv return {@code -errno} (the hot path allocates
 * nothing); set-up calls throw {@link NativeException}. Descriptors are closed with {@link Libc#close}.
 */
public final class Sockets {
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_SEQPACKET = 5;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVTIMEO = 20;
    public static final int SO_SNDTIMEO = 21;
    public static final int MSG_TRUNC = 0x20;
    public static final int MSG_DONTWAIT = 0x40;
    /** EPIPE instead of SIGPIPE when the other end is closed. */
    public static final int MSG_NOSIGNAL = 0x4000;
    public static final int SOCK_NONBLOCK = 04000;
    private static final int SOCK_CLOEXEC = 02000000;
    private static final short AF_UNIX = 1;
    private static final short AF_INET = 2;
    private static final int IPPROTO_TCP = 6;
    private static final int TCP_NODELAY = 1;
    /** 127.0.0.1 in network byte order as an int read little-endian from sin_addr. */
    private static final int LOOPBACK = 0x0100007f;
    /** struct sockaddr_in: sin_family, sin_port (network order), sin_addr, 8 bytes of zero. */
    private static final StructLayout SOCKADDR_IN = MemoryLayout.structLayout(JAVA_SHORT.withName("sin_family"),
            JAVA_SHORT.withName("sin_port"), JAVA_INT.withName("sin_addr"), JAVA_LONG.withName("sin_zero"));
    private static final int SOL_SOCKET = 1;
    /** struct sockaddr_un: sun_family, then a NUL-terminated path of at most 107 bytes. */
    public static final StructLayout SOCKADDR_UN = MemoryLayout.structLayout(
            JAVA_SHORT.withName("sun_family"), MemoryLayout.sequenceLayout(108, JAVA_BYTE).withName("sun_path"));
    private static final long SUN_PATH = SOCKADDR_UN.byteOffset(MemoryLayout.PathElement.groupElement("sun_path"));
    /** Layout of struct timeval: tv_sec, tv_usec. */
    private static final StructLayout TIMEVAL = MemoryLayout.structLayout(JAVA_LONG, JAVA_LONG);

    // int socket(int domain, int type, int protocol);
    private static final MethodHandle SOCKET = Native.errnoCall("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    // int socketpair(int domain, int type, int protocol, int sv[2]);
    private static final MethodHandle SOCKETPAIR = Native.errnoCall("socketpair", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    // int bind(int sockfd, const struct sockaddr *addr, socklen_t addrlen);
    private static final MethodHandle BIND = Native.errnoCall("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    // int listen(int sockfd, int backlog);
    private static final MethodHandle LISTEN = Native.errnoCall("listen", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    // int accept4(int sockfd, struct sockaddr *addr, socklen_t *addrlen, int flags);
    private static final MethodHandle ACCEPT4 = Native.errnoCall("accept4", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    // int connect(int sockfd, const struct sockaddr *addr, socklen_t addrlen);
    private static final MethodHandle CONNECT = Native.errnoCall("connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    // ssize_t send(int sockfd, const void *buf, size_t len, int flags);  buf as a raw address, as for Libc.write
    private static final MethodHandle SEND = Native.errnoCall("send", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT));
    // ssize_t recv(int sockfd, void *buf, size_t len, int flags);  buf as a raw address, as for Libc.read
    private static final MethodHandle RECV = Native.errnoCall("recv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT));
    // int setsockopt(int sockfd, int level, int optname, const void *optval, socklen_t optlen);
    private static final MethodHandle SETSOCKOPT = Native.errnoCall("setsockopt", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    // int getsockopt(int sockfd, int level, int optname, void *optval, socklen_t *optlen);
    private static final MethodHandle GETSOCKOPT = Native.errnoCall("getsockopt", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));

    // int getsockname(int sockfd, struct sockaddr *addr, socklen_t *addrlen);
    private static final MethodHandle GETSOCKNAME = Native.errnoCall("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));

    private Sockets() {}

    /** socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0): a TCP socket, blocking. */
    public static int tcpSocket() {
        try {
            MemorySegment errno = Native.errnoSegment();
            return (int) Native.check("socket(AF_INET, SOCK_STREAM)", (int) SOCKET.invokeExact(errno, (int) AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** bind(2) a TCP socket to 127.0.0.1 (never the wildcard address) on a port the kernel picks, and returns that port. */
    public static int bindLoopback(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment address = loopback(arena, 0);
            MemorySegment errno = Native.errnoSegment();
            Native.check("bind(127.0.0.1:0)", (int) BIND.invokeExact(errno, fd, address, (int) SOCKADDR_IN.byteSize()), errno);
            MemorySegment length = arena.allocateFrom(JAVA_INT, (int) SOCKADDR_IN.byteSize());
            Native.check("getsockname(" + fd + ")", (int) GETSOCKNAME.invokeExact(errno, fd, address, length), errno);
            return Short.toUnsignedInt(Short.reverseBytes(address.get(JAVA_SHORT, 2)));
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** connect(2) a TCP socket to 127.0.0.1:{@code port}. */
    public static void connectLoopback(int fd, int port) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Native.errnoSegment();
            Native.check("connect(127.0.0.1:" + port + ")",
                    (int) CONNECT.invokeExact(errno, fd, loopback(arena, port), (int) SOCKADDR_IN.byteSize()), errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** TCP_NODELAY on: a request or a reply leaves at once instead of waiting for more bytes to join it (Nagle). */
    public static void setNoDelay(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Native.errnoSegment();
            Native.check("setsockopt(" + fd + ", IPPROTO_TCP, TCP_NODELAY, 1)", (int) SETSOCKOPT.invokeExact(errno, fd, IPPROTO_TCP,
                    TCP_NODELAY, arena.allocateFrom(JAVA_INT, 1), (int) JAVA_INT.byteSize()), errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    private static MemorySegment loopback(Arena arena, int port) {
        MemorySegment address = arena.allocate(SOCKADDR_IN);
        address.set(JAVA_SHORT, 0, AF_INET);
        address.set(JAVA_SHORT, 2, Short.reverseBytes((short) port));
        address.set(JAVA_INT, 4, LOOPBACK);
        return address;
    }

    /** socket(AF_UNIX, type | SOCK_CLOEXEC, 0); {@code type} may carry {@link #SOCK_NONBLOCK}. */
    public static int socket(int type) {
        try {
            MemorySegment errno = Native.errnoSegment();
            return (int) Native.check("socket(AF_UNIX, " + type + ")", (int) SOCKET.invokeExact(errno, (int) AF_UNIX, type | SOCK_CLOEXEC, 0), errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** socketpair(AF_UNIX, type | SOCK_CLOEXEC, 0): two connected sockets, not bound to any path. */
    public static int[] socketpair(int type) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            MemorySegment errno = Native.errnoSegment();
            Native.check("socketpair(AF_UNIX, " + type + ")", (int) SOCKETPAIR.invokeExact(errno, (int) AF_UNIX, type | SOCK_CLOEXEC, 0, fds), errno);
            return new int[] {fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1)};
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** bind(2) to a path, which must not exist yet. */
    public static void bind(int fd, Path path) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Native.errnoSegment();
            Native.check("bind(" + path + ")", (int) BIND.invokeExact(errno, fd, address(arena, path), (int) SOCKADDR_UN.byteSize()), errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public static void listen(int fd, int backlog) {
        try {
            MemorySegment errno = Native.errnoSegment();
            Native.check("listen(" + fd + ")", (int) LISTEN.invokeExact(errno, fd, backlog), errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** accept4(2) with SOCK_CLOEXEC, the caller's address not wanted: the new descriptor, or -errno (EAGAIN on a non-blocking listener). */
    public static int accept(int fd) {
        try {
            MemorySegment errno = Native.errnoSegment();
            int accepted = (int) ACCEPT4.invokeExact(errno, fd, MemorySegment.NULL, MemorySegment.NULL, SOCK_CLOEXEC);
            return accepted >= 0 ? accepted : -Native.errno(errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** connect(2) to a socket bound to a path. */
    public static void connect(int fd, Path path) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Native.errnoSegment();
            Native.check("connect(" + path + ")", (int) CONNECT.invokeExact(errno, fd, address(arena, path), (int) SOCKADDR_UN.byteSize()), errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** send(2) from native memory at {@code address}: bytes sent, or -errno. */
    public static long send(int fd, long address, long length, int flags) {
        try {
            MemorySegment errno = Native.errnoSegment();
            long n = (long) SEND.invokeExact(errno, fd, address, length, flags);
            return n >= 0 ? n : -Native.errno(errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** recv(2) into native memory at {@code address}: bytes received (with MSG_TRUNC, the message's real length), or -errno. */
    public static long recv(int fd, long address, long length, int flags) {
        try {
            MemorySegment errno = Native.errnoSegment();
            long n = (long) RECV.invokeExact(errno, fd, address, length, flags);
            return n >= 0 ? n : -Native.errno(errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** setsockopt(SOL_SOCKET, option) with an int value. */
    public static void setIntOption(int fd, int option, int value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Native.errnoSegment();
            Native.check("setsockopt(" + fd + ", SOL_SOCKET, " + option + ", " + value + ")",
                    (int) SETSOCKOPT.invokeExact(errno, fd, SOL_SOCKET, option, arena.allocateFrom(JAVA_INT, value), (int) JAVA_INT.byteSize()), errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** getsockopt(SOL_SOCKET, option) of an int option. */
    public static int intOption(int fd, int option) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(JAVA_INT);
            MemorySegment length = arena.allocateFrom(JAVA_INT, (int) JAVA_INT.byteSize());
            MemorySegment errno = Native.errnoSegment();
            Native.check("getsockopt(" + fd + ", SOL_SOCKET, " + option + ")",
                    (int) GETSOCKOPT.invokeExact(errno, fd, SOL_SOCKET, option, value, length), errno);
            return value.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** SO_RCVTIMEO or SO_SNDTIMEO: a blocking recv or send gives up with EAGAIN after {@code millis}. */
    public static void setTimeout(int fd, int option, long millis) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment timeval = arena.allocate(TIMEVAL);
            timeval.setAtIndex(JAVA_LONG, 0, millis / 1000);
            timeval.setAtIndex(JAVA_LONG, 1, millis % 1000 * 1000);
            MemorySegment errno = Native.errnoSegment();
            Native.check("setsockopt(" + fd + ", SOL_SOCKET, " + option + ", " + millis + " ms)",
                    (int) SETSOCKOPT.invokeExact(errno, fd, SOL_SOCKET, option, timeval, (int) TIMEVAL.byteSize()), errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    private static MemorySegment address(Arena arena, Path path) {
        byte[] bytes = path.toString().getBytes(StandardCharsets.UTF_8);
        long room = SOCKADDR_UN.byteSize() - SUN_PATH - 1;
        if (bytes.length > room) {
            throw new IllegalArgumentException("socket path " + path + " is " + bytes.length
                    + " bytes; sun_path holds at most " + room);
        }
        MemorySegment address = arena.allocate(SOCKADDR_UN);
        address.set(JAVA_SHORT, 0, AF_UNIX);
        MemorySegment.copy(bytes, 0, address, JAVA_BYTE, SUN_PATH, bytes.length);
        return address;
    }
}
