package io.ipcbench.uds;

import io.ipcbench.link.Params;
import io.ipcbench.link.Server;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.os.Sockets;

import java.nio.file.Path;
import java.util.Map;

/**
 * The request/response server over Unix domain STREAM sockets, through socket(2) (epoll needs the
 * raw descriptors java.nio keeps to itself): the benchmark JVM listens on {@code <dir>/server} in a
 * private 0700 directory, the socket file made 0600, and every client connects by path.
 */
public final class UdsServer implements Server {
    private static final String PATH = "uds.server";

    @Override
    public String name() {
        return "uds";
    }

    /** A stream carries any size; nothing to check beyond the session's own checks. */
    @Override
    public void validate(Params params, int clients) {
    }

    @Override
    public Listener listen(Params params, int clients, NamedObjects names) {
        Path path = names.createPrivateDirectory("uds-server").resolve("server");
        int fd = Sockets.socket(Sockets.SOCK_STREAM);
        names.onClose(() -> UdsMechanism.unlink(path));
        Sockets.bind(fd, path);
        UdsMechanism.restrict(path);
        Sockets.listen(fd, clients);
        return new Listener(fd, Map.of(PATH, path.toString()));
    }

    @Override
    public int connect(Params params, Map<String, String> offered) {
        int fd = Sockets.socket(Sockets.SOCK_STREAM);
        Sockets.connect(fd, Path.of(offered.get(PATH)));
        return fd;
    }
}
