package io.ipcbench.tcp;

import io.ipcbench.link.Link;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.Messages;
import io.ipcbench.link.Params;
import io.ipcbench.peer.PeerMain;
import jdk.net.ExtendedSocketOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * The peer of remote mode, started by hand where the benchmark should reach it:
 * <pre>java --enable-native-access=ALL-UNNAMED -cp benchmarks.jar io.ipcbench.tcp.TcpPeerServer --listen HOST:PORT</pre>
 * It listens on exactly the address given (port 0: one the kernel picks), prints
 * {@code listening on HOST:PORT}, then serves one benchmark connection at a time, as echo or
 * sink as the connection's handshake asks ({@link TcpHandshake}), until that benchmark closes
 * it; a second benchmark waits in the listen backlog meanwhile. It runs until stopped (Ctrl-C).
 */
public final class TcpPeerServer {
    /** Dead benchmark hosts are noticed by TCP keep-alive: first probe after 30 s of silence, 3 probes 10 s apart. */
    private static final int KEEPALIVE_IDLE_SECONDS = 30;
    private static final int KEEPALIVE_INTERVAL_SECONDS = 10;
    private static final int KEEPALIVE_PROBES = 3;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private TcpPeerServer() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2 || !args[0].equals("--listen")) {
            System.err.println("usage: java --enable-native-access=ALL-UNNAMED -cp benchmarks.jar " + TcpPeerServer.class.getName()
                    + " --listen HOST:PORT\n  HOST is the local address to listen on (127.0.0.1 for this host only; another"
                    + " address makes the server reachable from the network), PORT 0 lets the kernel pick one.");
            System.exit(2);
        }
        InetSocketAddress listen;
        try {
            listen = TcpRemote.parse(args[1], "--listen", 0);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(listen);
            System.out.println("listening on " + TcpHandshake.text((InetSocketAddress) server.getLocalAddress()));
            System.out.flush();
            while (true) {
                SocketChannel connection = server.accept();
                try (connection) {
                    serve(connection);
                } catch (IOException e) {
                    log("a connection failed: " + e);
                }
            }
        }
    }

    /** One benchmark trial: handshake, then echo or sink until the benchmark closes the connection. */
    private static void serve(SocketChannel connection) throws IOException {
        String client = TcpHandshake.text((InetSocketAddress) connection.getRemoteAddress());
        TcpHandshake.Hello hello;
        Messages messages;
        try {
            connection.configureBlocking(false);
            hello = TcpHandshake.parse(TcpHandshake.receive(connection));
            TcpMechanism tcp = new TcpMechanism(null);
            tcp.validate(hello.params());
            messages = tcp.messages(hello.params());
            keepAlive(connection);
            TcpHandshake.send(connection, TcpHandshake.OK);
        } catch (IllegalArgumentException | IOException | UncheckedIOException e) {
            log(client + ": refused: " + e.getMessage());
            try {
                TcpHandshake.send(connection, TcpHandshake.ERROR + e.getMessage().replace('\n', ' '));
            } catch (IOException gone) {
                // the benchmark has gone already: nothing to tell it
            }
            return;
        }
        Params params = hello.params();
        log(client + ": serving " + hello.role() + " " + params.describe());
        try (Link link = TcpMechanism.link(connection, params, new Client(client))) {
            PeerMain.serve(hello.role(), link, params, messages);
        } catch (ClientGone e) {
            log(client + ": done (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            log(client + ": failed, closing the connection: " + e);
        }
    }

    private static void keepAlive(SocketChannel connection) throws IOException {
        connection.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
        connection.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, KEEPALIVE_IDLE_SECONDS);
        connection.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, KEEPALIVE_INTERVAL_SECONDS);
        connection.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, KEEPALIVE_PROBES);
    }

    private static void log(String line) {
        System.err.println(LocalTime.now().format(CLOCK) + " " + line);
    }

    /** The server's view of the benchmark: only its connection tells; closing it ends the trial. */
    private record Client(String address) implements Liveness {
        @Override
        public void check(String waitingFor) {}

        @Override
        public RuntimeException gone(String waitingFor) {
            return new ClientGone("the benchmark closed the connection while the server waited for " + waitingFor);
        }
    }

    private static final class ClientGone extends RuntimeException {
        ClientGone(String message) {
            super(message, null, false, false);
        }
    }
}
