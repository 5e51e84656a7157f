package io.ipcbench.tcp;

import io.ipcbench.link.Link;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Params;
import io.ipcbench.link.Role;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark side of remote mode: connects to a {@link TcpPeerServer} (named by
 * {@code -Dipcbench.tcp.remote=host:port}), tells it its role and the trial's parameters, and
 * measures over that connection instead of one to a forked peer.
 */
final class TcpRemote implements Mechanism.Remote {
    static final String PROPERTY = "ipcbench.tcp.remote";
    /** How long connecting and the handshake may take: the server may be busy with another benchmark. */
    static final long HANDSHAKE_SECONDS = 15;

    private final String address;
    private final InetSocketAddress socketAddress;
    private final Params params;
    private volatile SocketChannel connection;

    TcpRemote(String address, Params params) {
        this.address = address;
        this.socketAddress = parse(address, "-D" + PROPERTY, 1);
        this.params = params;
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public Link connect(Role role, Liveness server) {
        String reply;
        try {
            connection = SocketChannel.open();
            connection.socket().connect(socketAddress, (int) TimeUnit.SECONDS.toMillis(HANDSHAKE_SECONDS));
            connection.configureBlocking(false);
            TcpHandshake.send(connection, TcpHandshake.hello(role, params));
            reply = TcpHandshake.receive(connection);
        } catch (IOException e) {
            abort();
            throw new IllegalStateException(params.describe() + ": cannot reach the peer server at " + address + " (set by -D"
                    + PROPERTY + "): " + e.getMessage() + ". Start one there with: java --enable-native-access=ALL-UNNAMED"
                    + " -cp benchmarks.jar " + TcpPeerServer.class.getName() + " --listen " + address, e);
        }
        if (!reply.equals(TcpHandshake.OK)) {
            abort();
            throw new IllegalStateException(params.describe() + ": the peer server at " + address + " refused the trial: "
                    + (reply.startsWith(TcpHandshake.ERROR) ? reply.substring(TcpHandshake.ERROR.length()) : reply));
        }
        return TcpMechanism.link(connection, params, server);
    }

    @Override
    public void abort() {
        SocketChannel c = connection;
        if (c != null) {
            TcpMechanism.closeQuietly(c);
        }
    }

    /** "host:port" or "[v6 address]:port" as a socket address; {@code what} names where the text came from. */
    static InetSocketAddress parse(String text, String what, int minPort) {
        int colon = text.lastIndexOf(':');
        String rule = what + "=" + text + " is not host:port (e.g. 10.0.0.2:7000 or [::1]:7000)";
        if (colon <= 0) {
            throw new IllegalArgumentException("tcp: " + rule);
        }
        String host = text.substring(0, colon).replaceAll("^\\[(.*)]$", "$1");
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("tcp: " + rule);
        }
        if (port < minPort || port > 65535) {
            throw new IllegalArgumentException("tcp: " + what + "=" + text + ": the port must be from " + minPort + " to 65535");
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("tcp: " + what + "=" + text + ": cannot resolve host " + host);
        }
        return address;
    }
}
