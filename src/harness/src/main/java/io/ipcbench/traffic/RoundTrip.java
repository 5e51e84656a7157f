package io.ipcbench.traffic;

import io.ipcbench.link.Link;
import io.ipcbench.link.Messages;
import io.ipcbench.link.Params;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Latency traffic: one message of {@code size} bytes to the peer, which sends it back whole.
 * One operation is the full round trip, never halved: halving assumes both directions cost the
 * same, which blocking mechanisms with asymmetric wake-ups do not honour.
 * <p>
 * Over a link that {@link Link#lendsPages lends its pages} (vmsplice) one message buffer is enough:
 * the next message is written into it only after the whole reply came back, so the peer had read
 * all of the message. The peer echoes from two buffers in turn, so that a sender that sends two
 * messages before reading a reply (the stream framing check does) still gets each back intact.
 */
public final class RoundTrip extends Traffic {
    private final MemorySegment reply;

    private RoundTrip(Trial trial) {
        super(trial);
        this.reply = arena.allocate(size, ALIGNMENT);
    }

    /** Over {@code trial}, whose other end echoes: a peer process, or a thread of this JVM (the in-process floors); closing this closes it. */
    public static RoundTrip over(Trial trial) {
        return new RoundTrip(trial);
    }

    public void once() {
        trial.operationBegins();
        link.send(message, size);
        link.receive(reply, size);
        trial.progressed();
    }

    /** A round trip of message {@code seq}, checking that exactly that message came back. */
    public void onceVerified(long seq) {
        MessagePattern.fill(message, size, seq);
        once();
        MessagePattern.verify(reply, size, seq, trial.params().describe() + " reply");
    }

    /**
     * The peer's half: receive whole, send back whole, until the benchmark side goes away. With
     * {@code verify=true} it checks each message before echoing it, so a message lost, repeated
     * or corrupted on the way out is named where it happened; the benchmark side checks each reply,
     * which catches the same on the way back (a repeated reply arrives where the next one is due).
     */
    public static void echo(Link link, Params params, Messages messages) {
        int size = messages.payload();
        String verifyAs = params.flag("verify") ? params.describe() + " echo" : null;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment[] buffers = new MemorySegment[link.lendsPages() ? 2 : 1];
            for (int i = 0; i < buffers.length; i++) {
                buffers[i] = arena.allocate(size, ALIGNMENT);
            }
            PeerLoop.serve(new Echoes(link, buffers, size, verifyAs));
        }
    }

    /**
     * {@link PeerLoop#MESSAGES_PER_CALL} echoes a call, from {@code buffers} in turn; {@code verifyAs}
     * names the echo in failures, null when not verifying.
     */
    private static final class Echoes implements Runnable {
        private final Link link;
        private final MemorySegment[] buffers;
        private final int size;
        private final String verifyAs;
        private long seq;
        private int slot;

        Echoes(Link link, MemorySegment[] buffers, int size, String verifyAs) {
            this.link = link;
            this.buffers = buffers;
            this.size = size;
            this.verifyAs = verifyAs;
        }

        @Override
        public void run() {
            for (int i = 0; i < PeerLoop.MESSAGES_PER_CALL; i++) {
                MemorySegment buffer = buffers[slot];
                link.receive(buffer, size);
                if (verifyAs != null) {
                    MessagePattern.verify(buffer, size, seq, verifyAs);
                }
                seq++;
                link.send(buffer, size);
                if (++slot == buffers.length) {
                    slot = 0;
                }
            }
        }
    }
}
