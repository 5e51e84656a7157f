package io.ipcbench.uds;

import io.ipcbench.link.FdWait;
import io.ipcbench.link.ForkedPeer;
import io.ipcbench.link.Link;
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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Set-up through socket(2): SEQPACKET and DGRAM, which java.nio lacks, and STREAM when descriptors
 * pass, since java.nio cannot send SCM_RIGHTS. A connection type listens on {@code <dir>/seqpacket}
 * or {@code <dir>/stream}, the peer connects, the benchmark side accepts without blocking, then
 * closes the listener and unlinks its file. DGRAM has no connection: each side binds an address of
 * its own ({@code <dir>/benchmark}, {@code <dir>/peer}) and connects to the other's, so each socket
 * receives only from its partner and, connected both ways, the kernel paces a sender by its send
 * buffer instead of the receiver's datagram queue length (net.unix.max_dgram_qlen). With
 * {@code transfer=FD_PASSING} the benchmark side checks who it talks to before any descriptor
 * passes ({@link PeerCredentials}); with COPY every socket gets a send buffer that holds at least
 * one message ({@link SendBuffer#fit}).
 */
final class NativeSockets {
    private static final String BENCHMARK_FILE = "benchmark";
    private static final String PEER_FILE = "peer";
    /** Exported by a DGRAM peer once its address is bound and connected to the benchmark's. */
    private static final String PEER_BOUND = "uds.peer";

    private NativeSockets() {}

    static Mechanism.Offer offerConnection(Path directory, SocketType type, Params params, NamedObjects names) {
        Path path = listenerFile(directory, type);
        SetUpSocket listener = new SetUpSocket(Sockets.socket(type.code | Sockets.SOCK_NONBLOCK));
        names.onClose(listener::close);
        bind(listener.fd(), path);
        Sockets.listen(listener.fd(), 1);
        return offer(directory, (peer, peerLiveness) -> {
            int fd = SetUpWait.until("the peer to connect to " + path, peerLiveness, handshakeNanos(), () -> accept(listener.fd()));
            listener.close();
            UdsMechanism.unlink(path);
            try {
                if (Transfer.of(params) == Transfer.FD_PASSING) {
                    PeerCredentials.requireConnected(fd, peer.pid(), path.toString());
                }
                return link(fd, type, params, peerLiveness);
            } catch (RuntimeException e) {
                Libc.close(fd);
                throw e;
            }
        });
    }

    static Link attachConnection(Path directory, SocketType type, Params params, Liveness benchmark) {
        int fd = Sockets.socket(type.code);
        Sockets.connect(fd, listenerFile(directory, type));
        return link(fd, type, params, benchmark);
    }

    /** Where a connection type listens: {@code <dir>/seqpacket}, {@code <dir>/stream}. */
    static Path listenerFile(Path directory, SocketType type) {
        return directory.resolve(type.name().toLowerCase(Locale.ROOT));
    }

    static Mechanism.Offer offerDatagrams(Path directory, Params params, NamedObjects names) {
        SetUpSocket socket = new SetUpSocket(Sockets.socket(Sockets.SOCK_DGRAM));
        names.onClose(socket::close);
        Path address = benchmarkAddress(directory);
        bind(socket.fd(), address);
        boolean passing = Transfer.of(params) == Transfer.FD_PASSING;
        if (passing) {
            PeerCredentials.passCredentials(socket.fd(), true);
        }
        return offer(directory, (peer, peerLiveness) -> {
            peer.awaitExport(PEER_BOUND);
            if (passing) {
                SetUpWait.until("the peer's first datagram on " + address, peerLiveness, handshakeNanos(),
                        () -> PeerCredentials.announced(socket.fd(), peer.pid(), address.toString()));
                PeerCredentials.passCredentials(socket.fd(), false);
            }
            Sockets.connect(socket.fd(), directory.resolve(PEER_FILE));
            Link link = link(socket.fd(), SocketType.DGRAM, params, peerLiveness);
            socket.handOver();
            return link;
        });
    }

    static Link attachDatagrams(Path directory, Params params, Liveness benchmark, BiConsumer<String, String> export) {
        int fd = Sockets.socket(Sockets.SOCK_DGRAM);
        bind(fd, directory.resolve(PEER_FILE));
        Sockets.connect(fd, benchmarkAddress(directory));
        if (Transfer.of(params) == Transfer.FD_PASSING) {
            PeerCredentials.announce(fd);
        }
        export.accept(PEER_BOUND, PEER_FILE);
        return link(fd, SocketType.DGRAM, params, benchmark);
    }

    /** Where the benchmark side's DGRAM socket is bound. */
    static Path benchmarkAddress(Path directory) {
        return directory.resolve(BENCHMARK_FILE);
    }

    /** The benchmark side's half: what to do once the peer runs. */
    private interface Connect {
        Link connect(ForkedPeer peer, Liveness peerLiveness);
    }

    private static Mechanism.Offer offer(Path directory, Connect connect) {
        return new Mechanism.Offer() {
            @Override
            public Map<String, String> forPeer() {
                return Map.of(UdsMechanism.DIRECTORY, directory.toString());
            }

            @Override
            public Link connect(ForkedPeer peer, Liveness peerLiveness) {
                return connect.connect(peer, peerLiveness);
            }
        };
    }

    /** A link over {@code fd}: a sealed memfd per message when descriptors pass, else its send buffer raised to hold one message of the trial's size. */
    static Link link(int fd, SocketType type, Params params, Liveness other) {
        if (Transfer.of(params) == Transfer.FD_PASSING) {
            return new FdPassingLink(fd, type, FdWait.of(params), other);
        }
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
