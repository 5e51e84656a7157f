package io.ipcbench.uds;

import io.ipcbench.link.FdWait;
import io.ipcbench.link.ForkedPeer;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Params;
import io.ipcbench.link.SetUpWait;
import io.ipcbench.os.Errno;
import io.ipcbench.os.Libc;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.os.NativeException;
import io.ipcbench.os.Sockets;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * SEQPACKET and DGRAM set-up through socket(2). SEQPACKET is connection-oriented like STREAM:
 * listen on {@code <dir>/seqpacket}, the peer connects, accept without blocking, then close the
 * listener and unlink its file. DGRAM has no connection: each side binds an address of its own
 * ({@code <dir>/benchmark}, {@code <dir>/peer}) and connects to the other's, so each socket
 * receives only from its partner and, connected both ways, the kernel paces a sender by its
 * send buffer instead of the receiver's datagram queue length (net.unix.max_dgram_qlen).
 * Every socket gets a send buffer that holds at least one message ({@link SendBuffer#fit}).
 */
final class PacketSockets {
    private static final String LISTENER_FILE = "seqpacket";
    private static final String BENCHMARK_FILE = "benchmark";
    private static final String PEER_FILE = "peer";
    /** Exported by a DGRAM peer once its address is bound and connected to the benchmark's. */
    private static final String PEER_BOUND = "uds.peer";

    private PacketSockets() {}

    static Mechanism.Offer offerConnection(Path directory, Params params, NamedObjects names) {
        Path path = directory.resolve(LISTENER_FILE);
        SetUpSocket listener = new SetUpSocket(Sockets.socket(Sockets.SOCK_SEQPACKET | Sockets.SOCK_NONBLOCK));
        names.onClose(listener::close);
        bind(listener.fd(), path);
        Sockets.listen(listener.fd(), 1);
        return offer(directory, (peer, peerLiveness) -> {
            int fd = SetUpWait.until("the peer to connect to " + path, peerLiveness, handshakeNanos(), () -> accept(listener.fd()));
            listener.close();
            UdsMechanism.unlink(path);
            try {
                return link(fd, SocketType.SEQPACKET, params, peerLiveness);
            } catch (RuntimeException e) {
                Libc.close(fd);
                throw e;
            }
        });
    }

    static PacketLink attachConnection(Path directory, Params params, Liveness benchmark) {
        int fd = Sockets.socket(Sockets.SOCK_SEQPACKET);
        Sockets.connect(fd, directory.resolve(LISTENER_FILE));
        return link(fd, SocketType.SEQPACKET, params, benchmark);
    }

    static Mechanism.Offer offerDatagrams(Path directory, Params params, NamedObjects names) {
        SetUpSocket socket = new SetUpSocket(Sockets.socket(Sockets.SOCK_DGRAM));
        names.onClose(socket::close);
        bind(socket.fd(), directory.resolve(BENCHMARK_FILE));
        return offer(directory, (peer, peerLiveness) -> {
            peer.awaitExport(PEER_BOUND);
            Sockets.connect(socket.fd(), directory.resolve(PEER_FILE));
            PacketLink link = link(socket.fd(), SocketType.DGRAM, params, peerLiveness);
            socket.handOver();
            return link;
        });
    }

    static PacketLink attachDatagrams(Path directory, Params params, Liveness benchmark, BiConsumer<String, String> export) {
        int fd = Sockets.socket(Sockets.SOCK_DGRAM);
        bind(fd, directory.resolve(PEER_FILE));
        Sockets.connect(fd, directory.resolve(BENCHMARK_FILE));
        export.accept(PEER_BOUND, PEER_FILE);
        return link(fd, SocketType.DGRAM, params, benchmark);
    }

    /** The benchmark side's half: what to do once the peer runs. */
    private interface Connect {
        PacketLink connect(ForkedPeer peer, Liveness peerLiveness);
    }

    private static Mechanism.Offer offer(Path directory, Connect connect) {
        return new Mechanism.Offer() {
            @Override
            public Map<String, String> forPeer() {
                return Map.of(UdsMechanism.DIRECTORY, directory.toString());
            }

            @Override
            public PacketLink connect(ForkedPeer peer, Liveness peerLiveness) {
                return connect.connect(peer, peerLiveness);
            }
        };
    }

    /** A link over {@code fd}, its send buffer raised to hold one message of the trial's size. */
    static PacketLink link(int fd, SocketType type, Params params, Liveness other) {
        int size = params.size();
        int largest = SendBuffer.fit(fd, size);
        if (size > largest) {
            throw new IllegalStateException("uds " + type + ": the socket send buffer carries messages of at most "
                    + largest + " bytes, not " + size);
        }
        return new PacketLink(fd, type, FdWait.of(params), other);
    }

    /** Binds {@code fd} to {@code path} (removing a stale file first) and restricts the file to its owner. */
    static void bind(int fd, Path path) {
        UdsMechanism.unlink(path);
        Sockets.bind(fd, path);
        UdsMechanism.restrict(path);
    }

    /** The connected descriptor, or null while the peer has not connected yet. */
    static Integer accept(int listener) {
        int fd = Sockets.accept(listener);
        if (fd >= 0) {
            return fd;
        }
        if (fd == -Errno.EAGAIN || fd == -Errno.EINTR) {
            return null;
        }
        throw new NativeException("accept4(" + listener + ")", -fd);
    }

    static long handshakeNanos() {
        return TimeUnit.SECONDS.toNanos(ForkedPeer.HANDSHAKE_TIMEOUT_SECONDS);
    }
}
