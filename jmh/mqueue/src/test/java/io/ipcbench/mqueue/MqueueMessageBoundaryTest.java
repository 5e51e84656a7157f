package io.ipcbench.mqueue;

import io.ipcbench.link.FdWait;
import io.ipcbench.link.Link;
import io.ipcbench.link.Liveness;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.os.QueueMarkers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A queue keeps message boundaries where a byte stream does not: messages of different lengths
 * queued together come out as exactly those messages, and two short messages never satisfy one
 * longer receive. Both ends live in this JVM, on queues made as the mechanism makes them.
 */
class MqueueMessageBoundaryTest {
    private static final int LARGEST = 4096;
    private static final List<Integer> LENGTHS = List.of(1, 100, LARGEST, 8, 3000);

    private final NamedObjects names = new NamedObjects();
    private final Arena arena = Arena.ofConfined();
    private final List<Link> links = new ArrayList<>();

    /** Nothing may wait here: every message is queued before it is received. */
    private static final Liveness NO_WAIT = new Liveness() {
        @Override
        public void check(String waitingFor) {
            throw new AssertionError("waited for " + waitingFor);
        }

        @Override
        public RuntimeException gone(String waitingFor) {
            return new IllegalStateException("the queue went away while waiting for " + waitingFor);
        }
    };

    @AfterEach
    void removeQueues() {
        links.forEach(Link::close);
        names.close();
        arena.close();
        assertEquals(List.of(), NamedObjects.presentFor(ProcessHandle.current().pid()), "markers left in /dev/shm");
    }

    @ParameterizedTest
    @EnumSource(QueueApi.class)
    void messagesOfDifferentLengthsArriveAsExactlyThoseMessages(QueueApi api) {
        Link[] ends = ends(api, LENGTHS.size(), LENGTHS.stream().mapToInt(Integer::intValue).sum());
        for (int i = 0; i < LENGTHS.size(); i++) {
            ends[0].send(pattern(LENGTHS.get(i), i), LENGTHS.get(i));
        }
        for (int i = 0; i < LENGTHS.size(); i++) {
            int length = LENGTHS.get(i);
            MemorySegment into = arena.allocate(LARGEST + 16);
            into.fill((byte) 0x5a);
            ends[1].receive(into, length);
            assertEquals(-1L, into.asSlice(0, length).mismatch(pattern(length, i)), "message " + i + " of " + length + " bytes");
            assertEquals((byte) 0x5a, into.get(ValueLayout.JAVA_BYTE, length), "nothing written past message " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(QueueApi.class)
    void twoShortMessagesNeverMakeOneLongOne(QueueApi api) {
        Link[] ends = ends(api, 2, 20);
        ends[0].send(pattern(10, 1), 10);
        ends[0].send(pattern(10, 2), 10);
        MemorySegment into = arena.allocate(LARGEST);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ends[1].receive(into, 20),
                "a stream would return both as one 20-byte read");
        assertTrue(e.getMessage().contains("a message of 10 bytes arrived where one of 20 was due"), e.getMessage());
        ends[1].receive(into, 10);
        assertEquals(-1L, into.asSlice(0, 10).mismatch(pattern(10, 2)), "the second message is still whole and next");
    }

    /**
     * Two ends over two fresh queues with room for {@code messages} messages of up to
     * {@link #LARGEST} bytes, {@code bytes} in all (a System V queue's limit is in bytes): [0] sends to [1].
     */
    private Link[] ends(QueueApi api, int messages, int bytes) {
        FdWait wait = FdWait.BUSY_POLL;
        Link[] ends = switch (api) {
            case POSIX -> {
                String a = QueueMarkers.createPosixQueue(names, "a", messages, LARGEST);
                String b = QueueMarkers.createPosixQueue(names, "b", messages, LARGEST);
                yield new Link[] {new PosixQueueLink(a, b, LARGEST, wait, NO_WAIT), new PosixQueueLink(b, a, LARGEST, wait, NO_WAIT)};
            }
            case SYSV -> {
                int a = QueueMarkers.createSysvQueue(names, "a", bytes).id();
                int b = QueueMarkers.createSysvQueue(names, "b", bytes).id();
                yield new Link[] {new SysvQueueLink(a, b, LARGEST, wait, NO_WAIT), new SysvQueueLink(b, a, LARGEST, wait, NO_WAIT)};
            }
        };
        links.addAll(List.of(ends));
        return ends;
    }

    private MemorySegment pattern(int length, int seed) {
        MemorySegment message = arena.allocate(length);
        for (int i = 0; i < length; i++) {
            message.set(ValueLayout.JAVA_BYTE, i, (byte) (seed * 31 + i * 7));
        }
        return message;
    }
}
