package io.ipcbench.traffic;

import io.ipcbench.link.Link;
import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Params;
import io.ipcbench.peer.FlameGraphs;
import io.ipcbench.peer.Role;
import io.ipcbench.peer.Session;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Optional;

/**
 * Throughput traffic: messages flow to the peer, which copies each one out and acknowledges
 * every {@link #batchFor batch} with the count it has consumed. The sender never runs more than
 * two batches ahead of the last acknowledgement, so the operations counted are messages the peer
 * consumed, not bytes parked in a kernel buffer: at any moment sent - consumed is at most two
 * batches, at most 512 KiB, negligible against an iteration's traffic. Each acknowledgement is
 * checked against the expected count, so a lost or repeated message fails the trial.
 */
public final class OneWay extends Traffic {
    private static final int ACK_BYTES = 8;
    private static final int BATCH_BYTES = 256 << 10;
    private static final int MAX_BATCH = 1024;

    private final MemorySegment ack;
    private final long batch;
    private final long window;
    private long sent;
    private long acked;

    private OneWay(Channel channel) {
        super(channel);
        this.batch = batchFor(size);
        this.window = 2 * batch;
        this.ack = arena.allocate(ACK_BYTES, ALIGNMENT);
    }

    public static OneWay start(Mechanism mechanism, Params params) {
        return start(mechanism, params, Optional.empty());
    }

    public static OneWay start(Mechanism mechanism, Params params, Optional<FlameGraphs> flameGraphs) {
        return new OneWay(Session.open(mechanism, params, Role.SINK, flameGraphs));
    }

    /** Over a channel whose other end is not a peer process (the in-process floors); closing this closes it. */
    public static OneWay over(Channel channel) {
        return new OneWay(channel);
    }

    /** Messages per acknowledgement: about 256 KiB of payload, between 1 and 1024 messages. */
    public static int batchFor(int size) {
        return Math.max(1, Math.min(MAX_BATCH, BATCH_BYTES / size));
    }

    public void send() {
        if (sent - acked >= window) {
            awaitAck();
        }
        link.send(message, size);
        sent++;
        channel.progressed();
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
            throw new IllegalStateException(channel.params().describe() + ": the peer acknowledged " + consumed
                    + " messages consumed where " + (acked + batch) + " were due: messages were lost or repeated");
        }
        acked = consumed;
    }

    /** The peer's half: copy every message out, acknowledge each batch; checks content when {@code verify=true}. */
    public static void sink(Link link, Params params) {
        int size = params.size();
        long batch = batchFor(size);
        boolean verify = params.flag("verify");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(size, ALIGNMENT);
            MemorySegment ack = arena.allocate(ACK_BYTES, ALIGNMENT);
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
