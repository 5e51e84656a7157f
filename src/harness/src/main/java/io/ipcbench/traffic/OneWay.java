package io.ipcbench.traffic;

import io.ipcbench.link.Link;
import io.ipcbench.link.Messages;
import io.ipcbench.link.Params;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Throughput traffic: messages flow to the peer, which copies each one out and acknowledges
 * every {@link #batchFor batch} with the count it has consumed. The sender never runs more than
 * two batches ahead of the last acknowledgement, so the operations counted are messages the peer
 * consumed, not bytes parked in a kernel buffer: at any moment sent - consumed is at most two
 * batches, at most 512 KiB, negligible against an iteration's traffic; fewer where the kernel
 * holds fewer ({@link Messages#maxPending}: one standard signal at a time). Each acknowledgement
 * is checked against the expected count, so a lost or repeated message fails the trial. Messages
 * without payload are acknowledged with empty messages, which carry no count: such a link checks
 * its own order (realtime signals carry sequence numbers) or holds one message at a time.
 * <p>
 * A link that {@link Link#lendsPages lends its pages} (vmsplice) leaves a sent message's bytes in
 * the sender's buffer until the peer reads them, so neither side may rewrite a buffer it sent from
 * before the other has consumed it. The sender then cycles through window + 1 buffers: when it
 * fills the buffer of message n, every message before n - window has been acknowledged (the
 * window check before message n - 1 saw to that), so the last message sent from that buffer,
 * n - window - 1, has been read. The peer's acknowledgements alternate between two buffers: when it
 * writes acknowledgement k, the sender, never more than two batches ahead of what it has read, has
 * read acknowledgement k - 2.
 */
public final class OneWay extends Traffic {
    private static final int ACK_BYTES = 8;
    private static final int BATCH_BYTES = 256 << 10;
    private static final int MAX_BATCH = 1024;

    private final MemorySegment ack;
    private final MemorySegment[] outbox;
    private final int ackBytes;
    private final long batch;
    private final long window;
    private long sent;
    private long acked;
    private int slot;

    private OneWay(Trial trial) {
        super(trial);
        Messages messages = trial.messages();
        this.ackBytes = ackBytes(messages);
        this.batch = batchFor(messages);
        this.window = Math.min(2 * batch, messages.maxPending());
        this.ack = arena.allocate(ACK_BYTES, ALIGNMENT);
        this.outbox = link.lendsPages() ? buffers(message, (int) window + 1) : new MemorySegment[] {message};
    }

    /** {@code first} and {@code count - 1} more buffers of the same size, each holding message 0 as {@code first} does. */
    private MemorySegment[] buffers(MemorySegment first, int count) {
        MemorySegment[] buffers = new MemorySegment[count];
        buffers[0] = first;
        MemorySegment more = arena.allocate((long) (count - 1) * size, ALIGNMENT);
        for (int i = 1; i < count; i++) {
            buffers[i] = more.asSlice((long) (i - 1) * size, size);
            MessagePattern.fill(buffers[i], size, 0);
        }
        return buffers;
    }

    /** Over {@code trial}, whose other end sinks: a peer process, or a thread of this JVM (the in-process floors); closing this closes it. */
    public static OneWay over(Trial trial) {
        return new OneWay(trial);
    }

    /** Messages per acknowledgement: about 256 KiB of payload, between 1 and 1024 messages. */
    public static int batchFor(int size) {
        return Math.max(1, Math.min(MAX_BATCH, BATCH_BYTES / Math.max(1, size)));
    }

    /** The same, and at most half of what may be pending, so that two batches fit. */
    private static int batchFor(Messages messages) {
        return Math.max(1, Math.min(batchFor(messages.payload()), messages.maxPending() / 2));
    }

    private static int ackBytes(Messages messages) {
        return messages.payload() == 0 ? 0 : ACK_BYTES;
    }

    /** Messages per acknowledgement in this trial: {@link #batchFor(int)}, or fewer where the kernel holds fewer. */
    public long batch() {
        return batch;
    }

    public void send() {
        trial.operationBegins();
        if (sent - acked >= window) {
            awaitAck();
        }
        link.send(outbox[slot], size);
        if (++slot == outbox.length) {
            slot = 0;
        }
        sent++;
        trial.progressed();
    }

    /** Sends message number {@code sent} stamped for the peer to check ({@code verify=true} trials). */
    public void sendVerified() {
        MessagePattern.fill(outbox[slot], size, sent);
        send();
    }

    /**
     * Completes the last batch and waits until the peer has acknowledged everything sent, so the
     * next iteration starts with an empty pipeline. Returns the messages consumed so far.
     */
    public long drain(boolean verified) {
        for (long rest = (batch - sent % batch) % batch; rest > 0; rest--) {
            if (verified) {
                sendVerified();
            } else {
                send();
            }
        }
        while (acked < sent) {
            trial.operationBegins();
            awaitAck();
            trial.progressed();
        }
        return acked;
    }

    private void awaitAck() {
        link.receive(ack, ackBytes);
        long consumed = ackBytes == 0 ? acked + batch : ack.get(ValueLayout.JAVA_LONG, 0);
        if (consumed != acked + batch) {
            throw new IllegalStateException(trial.params().describe() + ": the peer acknowledged " + consumed
                    + " messages consumed where " + (acked + batch) + " were due: messages were lost or repeated");
        }
        acked = consumed;
    }

    /** The peer's half: copy every message out, acknowledge each batch; checks content when {@code verify=true}. */
    public static void sink(Link link, Params params, Messages messages) {
        int size = messages.payload();
        String verifyAs = params.flag("verify") ? params.describe() + " sink" : null;
        try (Arena arena = Arena.ofConfined()) {
            int ackBuffers = link.lendsPages() ? 2 : 1;
            MemorySegment acks = arena.allocate((long) ackBuffers * ACK_BYTES, ALIGNMENT);
            PeerLoop.serve(new Sinks(link, arena.allocate(size, ALIGNMENT),
                    acks.elements(ValueLayout.JAVA_LONG).toArray(MemorySegment[]::new),
                    ackBytes(messages), batchFor(messages), size, verifyAs));
        }
    }

    /**
     * {@link PeerLoop#MESSAGES_PER_CALL} messages consumed a call; the batch's end is a count down,
     * not a division per message. {@code verifyAs} names the sink in failures, null when not verifying.
     */
    private static final class Sinks implements Runnable {
        private final Link link;
        private final MemorySegment buffer;
        private final MemorySegment[] acks;
        private final int ackBytes;
        private final long batch;
        private final int size;
        private final String verifyAs;
        private long consumed;
        private long untilAck;
        private int ackSlot;

        /** {@code acks}: the buffers acknowledgements are sent from in turn (two when the link lends its pages). */
        Sinks(Link link, MemorySegment buffer, MemorySegment[] acks, int ackBytes, long batch, int size, String verifyAs) {
            this.link = link;
            this.buffer = buffer;
            this.acks = acks;
            this.ackBytes = ackBytes;
            this.batch = batch;
            this.size = size;
            this.verifyAs = verifyAs;
            this.untilAck = batch;
        }

        @Override
        public void run() {
            for (int i = 0; i < PeerLoop.MESSAGES_PER_CALL; i++) {
                link.receive(buffer, size);
                if (verifyAs != null) {
                    MessagePattern.verify(buffer, size, consumed, verifyAs);
                }
                consumed++;
                if (--untilAck == 0) {
                    MemorySegment ack = acks[ackSlot];
                    ack.set(ValueLayout.JAVA_LONG, 0, consumed);
                    link.send(ack, ackBytes);
                    if (++ackSlot == acks.length) {
                        ackSlot = 0;
                    }
                    untilAck = batch;
                }
            }
        }
    }
}
