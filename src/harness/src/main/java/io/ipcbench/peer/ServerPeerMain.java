package io.ipcbench.peer;

import io.ipcbench.link.Params;
import io.ipcbench.link.Server;
import io.ipcbench.os.Libc;
import io.ipcbench.traffic.EchoClient;
import io.ipcbench.traffic.EchoServer;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A peer JVM of a request/response trial ({@link ServerSession}): {@code ServerPeerMain <server
 * class> <parent pid> <cpu|-1> <server|client> <index> key=value... -- key=value...}. The server
 * takes the benchmark JVM's listening socket (pidfd_getfd) and answers requests on every
 * connection with epoll until its stdin ends; a client connects, then does round trips back to
 * back. Both report READY once attached and wait for GO, as every peer does ({@link PeerMain}).
 */
public final class ServerPeerMain {
    /** The role argument of the server process. */
    static final String SERVER = "server";
    /** The key under which the benchmark JVM offers its listening descriptor's number. */
    static final String LISTENER_FD = "server.listener";

    private ServerPeerMain() {}

    public static void main(String[] args) {
        long parent = Long.parseLong(args[1]);
        PeerMain.runChildOf(parent, parentWatch -> {
            Server server = (Server) Class.forName(args[0]).getConstructor().newInstance();
            int cpu = Integer.parseInt(args[2]);
            boolean isServer = args[3].equals(SERVER);
            int index = Integer.parseInt(args[4]);
            List<String> rest = Arrays.asList(args).subList(5, args.length);
            int split = rest.indexOf("--");
            Params params = new Params(server.name(), Params.parseArgs(rest.subList(0, split)));
            Map<String, String> offered = Params.parseArgs(rest.subList(split + 1, rest.size()));
            int clients = ServerSession.clients(params);
            if (isServer) {
                int listener = Libc.duplicateFrom(parent, Integer.parseInt(offered.get(LISTENER_FD)));
                EchoServer echo = new EchoServer(server, listener, clients, params.size(), params.describe(), parentWatch, true, client -> { });
                PeerMain.readyThenPin(parentWatch, cpu);
                echo.serveForever();
            } else {
                EchoClient client = new EchoClient(server.connect(params, offered), params.size(), index, clients, params.describe(), parentWatch);
                PeerMain.readyThenPin(parentWatch, cpu);
                client.roundTripsForever();
            }
        });
    }
}
