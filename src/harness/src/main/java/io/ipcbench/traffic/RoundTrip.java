package io.ipcbench.traffic;

import io.ipcbench.link.Link;
import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Params;
import io.ipcbench.peer.Role;
import io.ipcbench.peer.Session;
import io.ipcbench.peer.Watchdog;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Latency traffic: one message of {@code size} bytes to the peer, which sends it back whole.
 * One operation is the full round trip, never halved: halving assumes both directions cost the
 * same, which blocking mechanisms with asymmetric wake-ups do not honour.
 */
public final class RoundTrip implements AutoCloseable {
    /** Null, as {@code watchdog} is, when the other end is a thread of this process ({@link #inProcess}). */
    private final Session session;
    private final Link link;
    private final Watchdog watchdog;
    private final Params params;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment message;
    private final MemorySegment reply;
    private final int size;

    private RoundTrip(Session session, Link link, Params params, Watchdog watchdog) {
        this.session = session;
        this.link = link;
        this.watchdog = watchdog;
        this.params = params;
        this.size = params.size();
        this.message = arena.allocate(size, Buffers.ALIGNMENT);
        this.reply = arena.allocate(size, Buffers.ALIGNMENT);
        MessagePattern.fill(message, size, 0);
    }

    public static RoundTrip start(Mechanism mechanism, Params params) {
        Session session = Session.open(mechanism, params, Role.ECHO);
        return new RoundTrip(session, session.link(), session.params(), session.watchdog());
    }

    /**
     * Over a link whose other end is a thread of this process running {@link #echo}: no peer
     * process and no watchdog (the link's waits watch the thread); the caller closes the link.
     */
    public static RoundTrip inProcess(Link link, Params params) {
        return new RoundTrip(null, link, params, null);
    }

    public Session session() {
        return session;
    }

    public void once() {
        link.send(message, size);
        link.receive(reply, size);
        if (watchdog != null) {
            watchdog.progressed();
        }
    }

    /** A round trip of message {@code seq}, checking that exactly that message came back. */
    public void onceVerified(long seq) {
        MessagePattern.fill(message, size, seq);
        once();
        MessagePattern.verify(reply, size, seq, params.describe() + " echo");
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
        arena.close();
    }

    /** The peer's half: receive whole, send back whole, until the benchmark side goes away. */
    public static void echo(Link link, Params params) {
        int size = params.size();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(size, Buffers.ALIGNMENT);
            while (true) {
                link.receive(buffer, size);
                link.send(buffer, size);
            }
        }
    }
}
