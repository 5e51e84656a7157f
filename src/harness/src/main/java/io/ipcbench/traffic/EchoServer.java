package io.ipcbench.traffic;

import io.ipcbench.link.FanIn;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.Server;
import io.ipcbench.os.Epoll;
import io.ipcbench.os.Errno;
import io.ipcbench.os.Libc;
import io.ipcbench.os.NativeException;
import io.ipcbench.os.Sockets;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.function.IntConsumer;

/**
 * The server of the request/response topology: one thread waits on the listening socket and on
 * every client's connection with one epoll instance, accepts the {@code clients} connections as
 * they come, and answers each request with the same bytes, whole. Every request is checked before
 * it is answered ({@link FanInTraffic}: its client, the client's sequence number, its bytes), so a
 * lost, repeated, reordered or corrupted request fails the trial naming the client.
 *
 * <p>Every wait is bounded: epoll_wait for {@value #WAIT_MILLIS} ms, then the clients' (or the
 * benchmark's) liveness is checked; reads and writes on a connection time out after as long
 * (SO_RCVTIMEO, SO_SNDTIMEO) with the same check. A connection that ends is a client gone: where
 * {@code clientsMayLeave} (a server process, whose benchmark names the dead client itself) it is
 * closed and the others served on; otherwise the liveness names the client that exited.
 */
public final class EchoServer implements AutoCloseable {
    static final int WAIT_MILLIS = 100;
    private static final String WAITING_FOR = "a request from any client";

    private final Server server;
    private final int listener;
    private final int clients;
    private final int size;
    private final Liveness liveness;
    private final boolean clientsMayLeave;
    private final Epoll epoll;
    private final FanInTraffic requests;
    private final MemorySegment request;
    /** The accepted connections, -1 for one closed since; closed with the server. */
    private final int[] connections;
    private int accepted;
    private int ready;
    private int next;

    /**
     * Serves on {@code listener} (this process's descriptor, closed with the server); {@code served}
     * is told the index of every client whose request was answered.
     */
    public EchoServer(Server server, int listener, int clients, int size, String where, Liveness liveness, boolean clientsMayLeave,
                      IntConsumer served) {
        this.server = server;
        this.listener = listener;
        this.clients = clients;
        this.size = size;
        this.liveness = liveness;
        this.clientsMayLeave = clientsMayLeave;
        this.epoll = new Epoll(clients + 1);
        this.requests = new FanInTraffic(FanIn.Framing.MESSAGES, size, clients, "client", where, served);
        this.request = Arena.ofAuto().allocate(size, 8);
        this.connections = new int[clients];
        Libc.setNonBlocking(listener);
        epoll.add(listener, Epoll.EPOLLIN);
    }

    /** Answers one request, from whichever client's is ready first; accepts the connections that arrive meanwhile. */
    public void serveOne() {
        while (true) {
            while (next == ready) {
                awaitReady();
            }
            int fd = epoll.readyFd(next++);
            if (fd == listener) {
                accept();
            } else if (receive(fd)) {
                requests.consume(request);
                send(fd);
                return;
            }
        }
    }

    /** A server process's loop: answers requests until its benchmark JVM tells it to stop (the process exits). */
    public void serveForever() {
        PeerLoop.serve(() -> {
            for (int i = 0; i < PeerLoop.MESSAGES_PER_CALL; i++) {
                serveOne();
            }
        });
    }

    /** How many requests each client has had answered so far, by index. */
    public long[] served() {
        return requests.delivered();
    }

    private void awaitReady() {
        int n = epoll.await(WAIT_MILLIS);
        if (n > 0) {
            ready = n;
            next = 0;
        } else if (n == 0 || n == -Errno.EINTR) {
            liveness.check(WAITING_FOR);
        } else {
            throw new NativeException("epoll_wait", -n);
        }
    }

    private void accept() {
        int connection = Sockets.accept(listener);
        if (connection == -Errno.EAGAIN) {
            return;
        }
        if (connection < 0) {
            throw new NativeException("accept4(" + listener + ")", -connection);
        }
        if (accepted == clients) {
            Libc.close(connection);
            throw new IllegalStateException("a connection beyond the trial's " + clients + " clients reached the server: another"
                    + " process connected to its socket");
        }
        connections[accepted++] = connection;
        server.accepted(connection);
        Sockets.setTimeout(connection, Sockets.SO_RCVTIMEO, WAIT_MILLIS);
        Sockets.setTimeout(connection, Sockets.SO_SNDTIMEO, WAIT_MILLIS);
        epoll.add(connection, Epoll.EPOLLIN);
    }

    /** Reads one whole request from a readable connection; false when the client's end closed (and the server serves on). */
    private boolean receive(int fd) {
        long got = StreamMessages.read(fd, request, size, liveness, "the rest of a request");
        return got == size || left(fd, got);
    }

    private void send(int fd) {
        if (!StreamMessages.send(fd, request, size, liveness, "a client to take its reply")) {
            left(fd, 0);
        }
    }

    /** A client's connection ended: closed and forgotten where clients may leave, else the client is named. */
    private boolean left(int fd, long partial) {
        if (!clientsMayLeave) {
            throw liveness.gone(partial == 0 ? WAITING_FOR : "the rest of a request (" + partial + " of " + size + " bytes had arrived)");
        }
        epoll.remove(fd);
        for (int i = 0; i < accepted; i++) {
            if (connections[i] == fd) {
                connections[i] = -1;
            }
        }
        Libc.close(fd);
        return false;
    }

    @Override
    public void close() {
        for (int i = 0; i < accepted; i++) {
            if (connections[i] >= 0) {
                Libc.close(connections[i]);
            }
        }
        epoll.close();
        Libc.close(listener);
    }
}
