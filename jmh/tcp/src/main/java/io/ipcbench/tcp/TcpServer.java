package io.ipcbench.tcp;

import io.ipcbench.link.Params;
import io.ipcbench.link.Server;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.os.Sockets;

import java.util.Map;

/**
 * The request/response server over TCP loopback, through socket(2) (epoll needs the raw
 * descriptors java.nio keeps to itself): the benchmark JVM listens on 127.0.0.1 (never the
 * wildcard address) on a port the kernel picks, every client connects there. TCP_NODELAY is on at
 * both ends, as request/response servers set it (Redis does): a reply leaves at once. Another
 * local process could connect to the port too; one connection beyond the trial's clients fails
 * the trial, and one among them sends requests the server's check refuses.
 */
public final class TcpServer implements Server {
    private static final String PORT = "tcp.server.port";

    @Override
    public String name() {
        return "tcp";
    }

    /** A stream carries any size; nothing to check beyond the session's own checks. */
    @Override
    public void validate(Params params, int clients) {
    }

    @Override
    public Listener listen(Params params, int clients, NamedObjects names) {
        int fd = Sockets.tcpSocket();
        int port = Sockets.bindLoopback(fd);
        Sockets.listen(fd, clients);
        return new Listener(fd, Map.of(PORT, Integer.toString(port)));
    }

    @Override
    public int connect(Params params, Map<String, String> offered) {
        int fd = Sockets.tcpSocket();
        Sockets.setNoDelay(fd);
        Sockets.connectLoopback(fd, Integer.parseInt(offered.get(PORT)));
        return fd;
    }

    @Override
    public void accepted(int connection) {
        Sockets.setNoDelay(connection);
    }
}
