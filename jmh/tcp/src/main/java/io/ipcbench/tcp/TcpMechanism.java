package io.ipcbench.tcp;

import io.ipcbench.link.FdWait;
import io.ipcbench.link.ForkedPeer;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.Mechanism;
import io.ipcbench.link.NioStreamLink;
import io.ipcbench.link.Params;
import io.ipcbench.link.Variant;
import io.ipcbench.os.NamedObjects;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * One TCP connection over the loopback interface, both directions on it. The benchmark side
 * listens on 127.0.0.1 (never the wildcard address) on a port the kernel picks, the peer
 * connects and exports its own port, and the benchmark side accepts only the connection that
 * comes from that port: another local process that connects first is turned away. Bytes move
 * through {@link NioStreamLink}. {@code nodelay} sets TCP_NODELAY on both ends.
 * <p>
 * Remote mode: with {@code -Dipcbench.tcp.remote=host:port} no peer is forked; the trial connects
 * to a {@link TcpPeerServer} started there by hand (see {@link TcpRemote}).
 */
public final class TcpMechanism implements Mechanism {
    private static final String PORT = "tcp.port";
    private static final String PEER_PORT = "tcp.peerPort";
    /** IPv4 loopback, literally: InetAddress.getLoopbackAddress() is ::1 when IPv6 is preferred. */
    static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

    private final String remote;

    /** Local mode, or remote mode when {@code -Dipcbench.tcp.remote} is set. */
    public TcpMechanism() {
        this(System.getProperty(TcpRemote.PROPERTY));
    }

    /** {@code remote}: "host:port" of a peer server, or null for a forked local peer. */
    public TcpMechanism(String remote) {
        this.remote = remote == null || remote.isBlank() ? null : remote.strip();
    }

    @Override
    public String name() {
        return "tcp";
    }

    /** Nagle off and on, with both waits. */
    @Override
    public List<Variant> variants() {
        return Variant.bothShapes(Variant.waits().flatMap(wait -> Stream.of("true", "false")
                .map(nodelay -> Variant.with(Map.of("nodelay", nodelay), "wait", wait.get("wait")))));
    }

    @Override
    public void validate(Params params) {
        FdWait.of(params);
        noDelay(params);
    }

    /** The {@code nodelay} parameter: true (the default) disables Nagle's algorithm on both ends. */
    static boolean noDelay(Params params) {
        if (!params.has("nodelay")) {
            return true;
        }
        String value = params.text("nodelay");
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("tcp: nodelay=" + Params.shown(value) + " is not allowed; choose one of true, false"
                    + " (true sets TCP_NODELAY: every write leaves at once instead of waiting for earlier data to be acknowledged)");
        }
        return Boolean.parseBoolean(value);
    }

    @Override
    public Optional<Remote> remote(Params params) {
        return remote == null ? Optional.empty() : Optional.of(new TcpRemote(remote, params));
    }

    @Override
    public Offer offer(Params params, NamedObjects names) {
        ServerSocketChannel server = listenOnLoopback();
        names.onClose(() -> closeQuietly(server));
        return new Offer() {
            @Override
            public Map<String, String> forPeer() {
                return Map.of(PORT, Integer.toString(server.socket().getLocalPort()));
            }

            @Override
            public NioStreamLink connect(ForkedPeer peer, Liveness peerLiveness) {
                int peerPort = Integer.parseInt(peer.awaitExport(PEER_PORT));
                SocketChannel connection = acceptFrom(server, peerPort, peerLiveness);
                closeQuietly(server);
                return link(connection, params, peerLiveness);
            }
        };
    }

    @Override
    public NioStreamLink attach(Params params, Map<String, String> offered, Liveness benchmark, BiConsumer<String, String> export) {
        try {
            SocketChannel connection = SocketChannel.open(StandardProtocolFamily.INET);
            connection.connect(new InetSocketAddress(LOOPBACK.getAddress(), Integer.parseInt(offered.get(PORT))));
            export.accept(PEER_PORT, Integer.toString(((InetSocketAddress) connection.getLocalAddress()).getPort()));
            return link(connection, params, benchmark);
        } catch (IOException e) {
            throw new UncheckedIOException("tcp: cannot connect to the benchmark side on 127.0.0.1:" + offered.get(PORT), e);
        }
    }

    /** The end of a connected socket, set up as the trial asks. */
    static NioStreamLink link(SocketChannel connection, Params params, Liveness other) {
        try {
            connection.setOption(StandardSocketOptions.TCP_NODELAY, noDelay(params));
        } catch (IOException e) {
            closeQuietly(connection);
            throw new UncheckedIOException("tcp: cannot set TCP_NODELAY", e);
        }
        return new NioStreamLink(connection, connection, FdWait.of(params), other);
    }

    private static ServerSocketChannel listenOnLoopback() {
        try {
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET);
            server.bind(LOOPBACK, 1);
            server.configureBlocking(false);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("tcp: cannot listen on 127.0.0.1", e);
        }
    }

    /**
     * Accepts the peer's connection, recognised by its source port, which the peer reported
     * through its own stdout. Polls, so that a peer that dies first fails the trial at once.
     */
    private static SocketChannel acceptFrom(ServerSocketChannel server, int peerPort, Liveness peer) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ForkedPeer.HANDSHAKE_TIMEOUT_SECONDS);
        try {
            while (System.nanoTime() < deadline) {
                SocketChannel connection = server.accept();
                if (connection == null) {
                    peer.check("its connection on 127.0.0.1:" + server.socket().getLocalPort());
                    Thread.sleep(1);
                } else if (((InetSocketAddress) connection.getRemoteAddress()).getPort() == peerPort) {
                    return connection;
                } else {
                    System.err.println("tcp: refused a connection from " + connection.getRemoteAddress()
                            + ", which is not the peer (port " + peerPort + ")");
                    connection.close();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("tcp: cannot accept the peer's connection", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("tcp: the peer's connection from port " + peerPort + " did not arrive within "
                + ForkedPeer.HANDSHAKE_TIMEOUT_SECONDS + " s");
    }

    static void closeQuietly(java.nio.channels.Channel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
