package io.ipcbench.link;

import io.ipcbench.peer.PeerTraffic;
import io.ipcbench.traffic.MessagePattern;
import io.ipcbench.traffic.RoundTrip;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The framing check for byte-stream mechanisms, which keep no message boundaries: messages
 * written back to back, even in one write, must reach the other end as whole messages in order.
 * Every receive gets a buffer with room for two messages, so a link that read whatever had
 * arrived would swallow the second message in the first receive, and the second would never come.
 */
public final class StreamFraming {
    private StreamFraming() {}

    /** Against a real echo peer: two messages in one send, then two sends before any receive. */
    public static void messagesWrittenBackToBackArriveWholeAndInOrder(Mechanism mechanism, Params params) {
        int size = params.size();
        try (RoundTrip roundTrip = PeerTraffic.roundTrip(mechanism, params); Arena arena = Arena.ofShared()) {
            Link link = PeerTraffic.session(roundTrip).link();
            MemorySegment two = arena.allocate(2L * size);
            MemorySegment reply = arena.allocate(2L * size);
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                MessagePattern.fill(two, size, 0);
                MessagePattern.fill(two.asSlice(size), size, 1);
                link.send(two, 2 * size);
                receiveAndCheck(link, reply, size, 0);
                receiveAndCheck(link, reply, size, 1);
                // from two buffers: a link that lends its pages (vmsplice) still holds the first's
                MessagePattern.fill(two, size, 2);
                link.send(two, size);
                MessagePattern.fill(two.asSlice(size), size, 3);
                link.send(two.asSlice(size), size);
                receiveAndCheck(link, reply, size, 2);
                receiveAndCheck(link, reply, size, 3);
            }, "a receive took more than its message, or a message never came back whole");
        }
    }

    private static void receiveAndCheck(Link link, MemorySegment reply, int size, long seq) {
        link.receive(reply, size);
        MessagePattern.verify(reply, size, seq, "message " + seq + " of a back-to-back pair");
    }
}
