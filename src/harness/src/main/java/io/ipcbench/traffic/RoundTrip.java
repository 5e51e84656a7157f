package io.ipcbench.traffic;

import io.ipcbench.link.Link;
import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Messages;
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
    private final Session session;
    private final Link link;
    private final Watchdog watchdog;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment message;
    private final MemorySegment reply;
    private final int size;

    private RoundTrip(Session session) {
        this.session = session;
        this.link = session.link();
        this.watchdog = session.watchdog();
        this.size = session.messages().payload();
        this.message = arena.allocate(size, Buffers.ALIGNMENT);
        this.reply = arena.allocate(size, Buffers.ALIGNMENT);
        MessagePattern.fill(message, size, 0);
    }

    public static RoundTrip start(Mechanism mechanism, Params params) {
        return new RoundTrip(Session.open(mechanism, params, Role.ECHO));
    }

    public Session session() {
        return session;
    }

    public void once() {
        link.send(message, size);
        link.receive(reply, size);
        watchdog.progressed();
    }

    /** A round trip of message {@code seq}, checking that exactly that message came back. */
    public void onceVerified(long seq) {
        MessagePattern.fill(message, size, seq);
        once();
        MessagePattern.verify(reply, size, seq, session.params().describe() + " echo");
    }

    @Override
    public void close() {
        session.close();
        arena.close();
    }

    /** The peer's half: receive whole, send back whole, until the benchmark side goes away. */
    public static void echo(Link link, Messages messages) {
        int size = messages.payload();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(size, Buffers.ALIGNMENT);
            while (true) {
                link.receive(buffer, size);
                link.send(buffer, size);
            }
        }
    }
}
