package io.ipcbench.uds;

import io.ipcbench.link.FdWait;
import io.ipcbench.os.Sockets;
import io.ipcbench.traffic.MessagePattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SEQPACKET and DGRAM keep message boundaries: messages of different lengths sent back to back
 * come out as exactly those messages, and a receive that expects another length fails instead
 * of joining or cutting messages as a stream would. Two links over a connected socket pair, in
 * this process: the kernel's semantics are the same as between the bound sockets of a trial.
 */
class UdsMessageBoundaryTest {
    private static final int[] LENGTHS = {1, 7, 64, 1000, 4096, 65537};
    private static final int ROOM = 2 * 65537;

    static Stream<Object[]> packetTypes() {
        return Stream.of(SocketType.SEQPACKET, SocketType.DGRAM)
                .flatMap(type -> Arrays.stream(FdWait.values()).map(wait -> new Object[] {type, wait}));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("packetTypes")
    void messagesOfDifferentLengthsArriveAsExactlyThoseMessages(SocketType type, FdWait wait) {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            int[] pair = Sockets.socketpair(type.code);
            try (PacketLink a = new PacketLink(pair[0], type, wait, OwnEnds.LIVENESS);
                 PacketLink b = new PacketLink(pair[1], type, wait, OwnEnds.LIVENESS);
                 Arena arena = Arena.ofConfined()) {
                MemorySegment out = arena.allocate(ROOM);
                MemorySegment in = arena.allocate(ROOM);
                for (int i = 0; i < LENGTHS.length; i++) {
                    MessagePattern.fill(out, LENGTHS[i], i);
                    a.send(out, LENGTHS[i]);
                }
                for (int i = 0; i < LENGTHS.length; i++) {
                    b.receive(in, LENGTHS[i]);
                    MessagePattern.verify(in, LENGTHS[i], i, type + " message " + i);
                }

                a.send(out, 100);
                a.send(out, 50);
                IllegalStateException joined = assertThrows(IllegalStateException.class, () -> b.receive(in, 150));
                assertTrue(joined.getMessage().contains("a message of 100 bytes arrived where one of 150 was due"), joined.getMessage());
                IllegalStateException cut = assertThrows(IllegalStateException.class, () -> b.receive(in, 20));
                assertTrue(cut.getMessage().contains("a message of 50 bytes arrived where one of 20 was due")
                        && cut.getMessage().contains("MSG_TRUNC"), cut.getMessage());
            }
        });
    }
}
