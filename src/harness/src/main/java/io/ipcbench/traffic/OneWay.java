package io.ipcbench.traffic;

import io.ipcbench.link.Link;
import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Params;
import io.ipcbench.peer.Role;
import io.ipcbench.peer.Session;
import io.ipcbench.peer.Watchdog;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Throughput traffic: messages flow to the peer, which copies each one out and acknowledges
 * every {@link #batchFor batch} with the count it has consumed. The sender never runs more than
 * two batches ahead of the last acknowledgement, so the operations counted are messages the peer
 * consumed, not bytes parked in a kernel buffer: at any moment sent - consumed is at most two
 * batches, at most 512 KiB, negligible against an iteration's traffic. Each acknowledgement is
 * checked against the expected count, so a lost or repeated message fails the trial.
 */
public final class OneWay implements AutoCloseable {
    private static final int ACK_BYTES = 8;
    private static final int BATCH_BYTES = 256 << 10;
    private static final int MAX_BATCH = 1024;

    /** Null, as {@code watchdog} is, when the other end is a thread of this process ({@link #inProcess}). */
    private final Session session;
    private final Link link;
    private final Watchdog watchdog;
    private final Params params;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment message;
    private final MemorySegment ack;
    private final int size;
    private final long batch;
    private final long window;
    private long sent;
    private long acked;

    private OneWay(Session session, Link link, Params params, Watchdog watchdog) {
        this.session = session;
        this.link = link;
        this.watchdog = watchdog;
        this.params = params;
        this.size = params.size();
        this.batch = batchFor(size);
        this.window = 2 * batch;
        this.message = arena.allocate(size, Buffers.ALIGNMENT);
        this.ack = arena.allocate(ACK_BYTES, Buffers.ALIGNMENT);
        MessagePattern.fill(message, size, 0);
    }

    public static OneWay start(Mechanism mechanism, Params params) {
        Session session = Session.open(mechanism, params, Role.SINK);
        return new OneWay(session, session.link(), session.params(), session.watchdog());
    }

    /**
     * Over a link whose other end is a thread of this process running {@link #sink}: no peer
     * process and no watchdog (the link's waits watch the thread); the caller closes the link.
     */
    public static OneWay inProcess(Link link, Params params) {
        return new OneWay(null, link, params, null);
    }

    /** Messages per acknowledgement: about 256 KiB of payload, between 1 and 1024 messages. */
    public static int batchFor(int size) {
        return Math.max(1, Math.min(MAX_BATCH, BATCH_BYTES / size));
    }

    public Session session() {
        return session;
    }

    public void send() {
        if (sent - acked >= window) {
            awaitAck();
        }
        link.send(message, size);
        sent++;
        if (watchdog != null) {
            watchdog.progressed();
        }
    }

    /** Sends message number {@code sent} stamped for the peer to check ({@code verify=true} trials). */
    public void sendVerified() {
        MessagePattern.fill(message, size, sent);
        send();
    }

    /**
     * Completes the last batch and waits until the peer has acknowledged everything sent, so the
     * next iteration starts with an empty pipeline. Returns the messages consumed so far.
     */
    public long drain(boolean verified) {
        while (sent % batch != 0) {
            if (verified) {
                sendVerified();
            } else {
                send();
            }
        }
        while (acked < sent) {
            awaitAck();
        }
        return acked;
    }

    private void awaitAck() {
        link.receive(ack, ACK_BYTES);
        long consumed = ack.get(ValueLayout.JAVA_LONG, 0);
        if (consumed != acked + batch) {
            throw new IllegalStateException(params.describe() + ": the peer acknowledged " + consumed
                    + " messages consumed where " + (acked + batch) + " were due: messages were lost or repeated");
        }
        acked = consumed;
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
        arena.close();
    }

    /** The peer's half: copy every message out, acknowledge each batch; checks content when {@code verify=true}. */
    public static void sink(Link link, Params params) {
        int size = params.size();
        long batch = batchFor(size);
        boolean verify = params.flag("verify");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(size, Buffers.ALIGNMENT);
            MemorySegment ack = arena.allocate(ACK_BYTES, Buffers.ALIGNMENT);
            for (long consumed = 0; ; ) {
                link.receive(buffer, size);
                if (verify) {
                    MessagePattern.verify(buffer, size, consumed, params.describe() + " sink");
                }
                consumed++;
                if (consumed % batch == 0) {
                    ack.set(ValueLayout.JAVA_LONG, 0, consumed);
                    link.send(ack, ACK_BYTES);
                }
            }
        }
    }
}
