package io.ipcbench.traffic;

import io.ipcbench.link.FanIn;
import io.ipcbench.link.Liveness;
import io.ipcbench.os.Libc;
import io.ipcbench.os.Sockets;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A client of the request/response topology ({@link EchoServer}): one round trip is one request
 * of {@code size} bytes to the server and its reply read back whole, on one blocking stream
 * connection. Each request carries the client's index and its own sequence number in its first 8
 * bytes, bytes derived from them after ({@link FanInTraffic#stamp}), and each reply must be that
 * request: a reply that carries another request (lost, repeated, reordered, another client's) or
 * other bytes (corrupted) fails naming the client. A reply's wait is bounded: the read times out
 * every {@value EchoServer#WAIT_MILLIS} ms (SO_RCVTIMEO) and the server's liveness is checked.
 */
public final class EchoClient implements AutoCloseable {
    private static final String WAITING_TO_SEND = "the server to take a request";
    private static final String WAITING_FOR_REPLY = "a reply from the server";
    private final int fd;
    private final int size;
    private final int index;
    private final String where;
    private final Liveness server;
    private final MemorySegment request;
    private final MemorySegment reply;
    private long seq;

    /** Client {@code index} (0-based) of {@code clients} on connection {@code fd}, closed with the client. */
    public EchoClient(int fd, int size, int index, int clients, String where, Liveness server) {
        this.fd = fd;
        this.size = size;
        this.index = index;
        this.where = where + ", client " + (index + 1) + " of " + clients;
        this.server = server;
        this.request = Arena.ofAuto().allocate(size, 8);
        this.reply = Arena.ofAuto().allocate(size, 8);
        Sockets.setTimeout(fd, Sockets.SO_RCVTIMEO, EchoServer.WAIT_MILLIS);
        Sockets.setTimeout(fd, Sockets.SO_SNDTIMEO, EchoServer.WAIT_MILLIS);
    }

    /** One request there and its reply back, checked. */
    public void roundTrip() {
        FanInTraffic.stamp(FanIn.Framing.MESSAGES, request, size, index, seq);
        send();
        receive();
        long want = FanInTraffic.tag(index, seq);
        long got = reply.get(ValueLayout.JAVA_LONG_UNALIGNED, 0);
        if (got != want) {
            throw new IllegalStateException(where + ": the reply to request " + seq + " carries request tag " + Long.toHexString(got)
                    + " where " + Long.toHexString(want) + " was due: lost, repeated, reordered, another client's or corrupted");
        }
        MessagePattern.verify(reply, size, want, where + ", reply");
        seq++;
    }

    /** A client process's loop: round trips, back to back, until its benchmark JVM tells it to stop (the process exits). */
    public void roundTripsForever() {
        PeerLoop.serve(() -> {
            for (int i = 0; i < PeerLoop.MESSAGES_PER_CALL; i++) {
                roundTrip();
            }
        });
    }

    private void send() {
        if (!StreamMessages.send(fd, request, size, server, WAITING_TO_SEND)) {
            throw server.gone(WAITING_TO_SEND);
        }
    }

    private void receive() {
        if (StreamMessages.read(fd, reply, size, server, WAITING_FOR_REPLY) < size) {
            throw server.gone(WAITING_FOR_REPLY);
        }
    }

    @Override
    public void close() {
        Libc.close(fd);
    }
}
