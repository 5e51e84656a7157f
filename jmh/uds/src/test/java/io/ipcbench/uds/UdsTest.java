package io.ipcbench.uds;

import io.ipcbench.link.FdWait;
import io.ipcbench.link.Mechanism;
import io.ipcbench.link.MechanismContract;
import io.ipcbench.link.Params;
import io.ipcbench.link.PeerFailure;
import io.ipcbench.link.StreamFraming;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.peer.PeerTraffic;
import io.ipcbench.traffic.MessagePattern;
import io.ipcbench.traffic.RoundTrip;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class UdsTest extends MechanismContract {
    private static final int S_IFSOCK = 0140000;
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;

    @Override
    protected Mechanism mechanism() {
        return new UdsMechanism();
    }

    /** Blocking DGRAM: no end of file tells a datagram socket that its partner died, only the timed waits do. */
    @Override
    protected Map<String, String> crashVariant() {
        return variant(SocketType.DGRAM, "BLOCKING");
    }

    /**
     * Busy polling a datagram socket: nothing but the liveness check between tries ends it when the
     * peer dies. And the descriptor-passing link's own waits: blocking DGRAM (its timed waits) and
     * polling SEQPACKET (end of file seen between tries).
     */
    @Override
    protected Stream<Map<String, String>> otherWaitVariants() {
        return Stream.of(variant(SocketType.DGRAM, "BUSY_POLL"), passing(SocketType.DGRAM, "BLOCKING"), passing(SocketType.SEQPACKET, "BUSY_POLL"));
    }

    /** The sockets' files live in one private directory. */
    @Override
    protected List<String> objectRoles(Params params) {
        return List.of("uds");
    }

    /** A copied SEQPACKET or DGRAM message must fit a send buffer of at most twice net.core.wmem_max, less 32 bytes; a passed memfd has no such limit. */
    @Override
    protected Optional<String> refusedOnThisKernel(Map<String, String> variant, int size) {
        boolean packets = !variant.get("type").equals("STREAM") && !Transfer.FD_PASSING.name().equals(variant.get("transfer"));
        return packets && size > largestPacket() ? Optional.of("net.core.wmem_max") : Optional.empty();
    }

    @Override
    protected Stream<Map.Entry<Map<String, String>, String>> invalidVariants() {
        Stream<Map.Entry<Map<String, String>, String>> rules = Stream.of(
                Map.entry(with("type", "RAW"), "choose one of STREAM, SEQPACKET, DGRAM"),
                Map.entry(with("type", ""), "parameter type is missing"),
                Map.entry(with("wait", "SOMETIMES"), "choose one of BLOCKING, BUSY_POLL"),
                Map.entry(with("transfer", "ZERO_COPY"), "transfer=ZERO_COPY is not allowed; choose one of COPY, FD_PASSING"),
                Map.entry(with("pinning", "diagonal"), "choose one of CROSS_CORE, SAME_CORE, NONE"),
                Map.entry(withSize(SocketType.DGRAM, Params.MAX_SIZE), "more than one DGRAM message can carry on this kernel"),
                Map.entry(withSize(SocketType.SEQPACKET, Params.MAX_SIZE), "more than one SEQPACKET message can carry on this kernel"));
        long justTooLarge = largestPacket() + 1L;
        if (justTooLarge <= Params.MAX_SIZE) {
            String rule = "the largest is " + largestPacket() + " bytes";
            rules = Stream.concat(rules, Stream.of(
                    Map.entry(withSize(SocketType.DGRAM, (int) justTooLarge), rule),
                    Map.entry(withSize(SocketType.SEQPACKET, (int) justTooLarge), rule)));
        }
        return Stream.concat(invalidSizes(variant(SocketType.STREAM, "BLOCKING")), rules);
    }

    /** Beyond the buffer limit lies another: a message is one kernel allocation, which no sysctl raises. */
    @Test
    void aMessageLargerThanOneKernelAllocationIsRefused() {
        int size = 5 << 20;
        assumeTrue(largestPacket() >= size, "net.core.wmem_max is too small here for a message to reach the allocation limit");
        assumeTrue(System.getProperty("os.arch").equals("amd64"), "the 4 MiB allocation limit is x86-64's");
        for (SocketType type : List.of(SocketType.SEQPACKET, SocketType.DGRAM)) {
            Params params = new Params("uds", withSize(type, size));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PeerTraffic.roundTrip(mechanism(), params));
            assertTrue(e.getMessage().contains("single kernel allocation"), e.getMessage());
        }
    }

    @Test
    void streamMessagesWrittenBackToBackArriveWholeAndInOrder() {
        for (FdWait wait : FdWait.values()) {
            StreamFraming.messagesWrittenBackToBackArriveWholeAndInOrder(mechanism(), params(variant(SocketType.STREAM, wait.name()), 1000));
        }
    }

    /** Against the real echo peer: a reply longer or shorter than the receive expects fails loudly, never cut or padded. */
    @Test
    void aMessageOfAnotherLengthThanExpectedFailsLoudly() {
        for (SocketType type : List.of(SocketType.SEQPACKET, SocketType.DGRAM)) {
            for (FdWait wait : FdWait.values()) {
                try (RoundTrip roundTrip = PeerTraffic.roundTrip(mechanism(), params(variant(type, wait.name()), 64));
                     Arena arena = Arena.ofShared()) {
                    var link = PeerTraffic.session(roundTrip).link();
                    MemorySegment buffer = arena.allocate(128);
                    // the echo checks what it echoes (verify=true): each message carries its sequence number
                    MessagePattern.fill(buffer, 64, 0);
                    link.send(buffer, 64);
                    IllegalStateException cut = assertThrows(IllegalStateException.class, () -> link.receive(buffer, 63));
                    assertTrue(cut.getMessage().contains("a message of 64 bytes arrived where one of 63 was due")
                            && cut.getMessage().contains("MSG_TRUNC"), cut.getMessage());
                    MessagePattern.fill(buffer, 64, 1);
                    link.send(buffer, 64);
                    IllegalStateException shorter = assertThrows(IllegalStateException.class, () -> link.receive(buffer, 65));
                    assertTrue(shorter.getMessage().contains("a message of 64 bytes arrived where one of 65 was due"), shorter.getMessage());
                }
            }
        }
    }

    /** Connection types read end of file when the peer dies; the contract's crash tests cover DGRAM, which cannot. */
    @Test
    void aKilledPeerFailsConnectedTypesQuicklyNamingTheCause() {
        for (SocketType type : List.of(SocketType.STREAM, SocketType.SEQPACKET)) {
            Params params = params(variant(type, "BLOCKING"), 4096);
            try (RoundTrip roundTrip = PeerTraffic.roundTrip(mechanism(), params)) {
                IntStream.range(0, 10).forEach(roundTrip::onceVerified);
                ProcessHandle.of(PeerTraffic.session(roundTrip).peer().pid()).orElseThrow().destroyForcibly();
                PeerFailure failure = assertTimeoutPreemptively(Duration.ofSeconds(FAILURE_SECONDS), () -> assertThrows(PeerFailure.class, () -> {
                    for (long seq = 10; ; seq++) {
                        roundTrip.onceVerified(seq);
                    }
                }));
                assertTrue(failure.getMessage().contains("SIGKILL"), failure.getMessage());
            }
        }
    }

    /** Listener files are gone once the peer is connected; DGRAM's two addresses stay, 0600, in the 0700 directory. */
    @Test
    void socketFilesAreOwnerOnlyAndListenersAreUnlinkedOnceConnected() throws IOException {
        for (SocketType type : SocketType.values()) {
            try (RoundTrip roundTrip = PeerTraffic.roundTrip(mechanism(), params(variant(type, "BLOCKING"), 64))) {
                roundTrip.onceVerified(0);
                List<String> present = NamedObjects.presentFor(ProcessHandle.current().pid());
                assertEquals(1, present.size(), "one private directory: " + present);
                Path directory = Path.of(present.getFirst());
                assertEquals(S_IFDIR | 0700, mode(directory), "directory mode");
                List<String> files;
                try (Stream<Path> entries = Files.list(directory)) {
                    files = entries.map(p -> p.getFileName().toString()).sorted().toList();
                }
                assertEquals(type == SocketType.DGRAM ? List.of("benchmark", "peer") : List.of(), files, type + " socket files");
                for (String file : files) {
                    assertEquals(S_IFSOCK | 0600, mode(directory.resolve(file)) & (S_IFMT | 0777), file + ": a socket, 0600");
                }
            }
        }
    }

    private static int mode(Path path) throws IOException {
        return (int) Files.getAttribute(path, "unix:mode");
    }

    /** Twice net.core.wmem_max less the 32 bytes the kernel keeps: the largest SEQPACKET or DGRAM message. */
    private static long largestPacket() {
        return 2 * SendBuffer.wmemMax() - 32;
    }

    private static Map<String, String> variant(SocketType type, String wait) {
        return Map.of("type", type.name(), "wait", wait);
    }

    /** {@code type} and {@code wait}, passing a sealed memfd per message. */
    static Map<String, String> passing(SocketType type, String wait) {
        return Map.of("type", type.name(), "wait", wait, "transfer", Transfer.FD_PASSING.name());
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> values = new LinkedHashMap<>(variant(SocketType.STREAM, "BLOCKING"));
        values.put("size", "64");
        values.put(key, value);
        return values;
    }

    private static Map<String, String> withSize(SocketType type, int size) {
        Map<String, String> values = new LinkedHashMap<>(variant(type, "BLOCKING"));
        values.put("size", Integer.toString(size));
        return values;
    }
}
