package io.ipcbench.traffic;

import io.ipcbench.link.Link;
import io.ipcbench.peer.Session;
import io.ipcbench.peer.Watchdog;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * What both traffic shapes hold on the benchmark side: the trial's session, its link and
 * watchdog, and the message buffer, allocated once. Buffers are page-aligned on both sides, as a
 * C program's would be from mmap or posix_memalign.
 */
public abstract sealed class Traffic implements AutoCloseable permits RoundTrip, OneWay {
    static final long ALIGNMENT = 4096;

    final Session session;
    final Link link;
    final Watchdog watchdog;
    final int size;
    final Arena arena = Arena.ofShared();
    final MemorySegment message;

    Traffic(Session session) {
        this.session = session;
        this.link = session.link();
        this.watchdog = session.watchdog();
        this.size = session.params().size();
        this.message = arena.allocate(size, ALIGNMENT);
        MessagePattern.fill(message, size, 0);
    }

    public Session session() {
        return session;
    }

    @Override
    public void close() {
        session.close();
        arena.close();
    }
}
