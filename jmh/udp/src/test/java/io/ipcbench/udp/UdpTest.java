package io.ipcbench.udp;

import io.ipcbench.link.Mechanism;
import io.ipcbench.link.MechanismContract;
import io.ipcbench.link.Params;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.peer.PeerTraffic;
import io.ipcbench.traffic.RoundTrip;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UdpTest extends MechanismContract {
    @Override
    protected Mechanism mechanism() {
        return new UdpMechanism();
    }

    /** Blocking: no end of file tells a datagram socket that its partner died, only the timed waits do. */
    @Override
    protected Map<String, String> crashVariant() {
        return Map.of("wait", "BLOCKING");
    }

    /** Busy polling: nothing but the liveness check between tries ends it when the peer dies. */
    @Override
    protected Stream<Map<String, String>> otherWaitVariants() {
        return Stream.of(Map.of("wait", "BUSY_POLL"));
    }

    /** UDP never blocks a sender, but the window (half the peer's receive buffer) holds it until an acknowledgement comes. */
    @Override
    protected Optional<Params> windowHoldingParams() {
        return Optional.of(faultParams());
    }

    /** One datagram carries at most 65,507 bytes, 16 of them the link's header. */
    @Override
    protected Optional<String> refusedOnThisKernel(Map<String, String> variant, int size) {
        return size > UdpMechanism.LARGEST_SIZE ? Optional.of("an IPv4 UDP datagram holds at most 65507 bytes") : Optional.empty();
    }

    /** The benchmarks' own sizes (the largest datagram's among them), besides the common ones. */
    @Override
    protected Stream<Map<String, String>> benchmarkValues() {
        return Stream.concat(super.benchmarkValues(),
                Stream.of(8192, UdpMechanism.LARGEST_SIZE).map(size -> withSize(Map.of("wait", "BLOCKING"), size)));
    }

    @Override
    protected Stream<Map.Entry<Map<String, String>, String>> invalidVariants() {
        return Stream.concat(invalidSizes(Map.of("wait", "BLOCKING")), Stream.of(
                Map.entry(Map.of("size", "64", "wait", "SOMETIMES"), "choose one of BLOCKING, BUSY_POLL"),
                Map.entry(Map.of("size", "64", "pinning", "diagonal"), "choose one of CROSS_CORE, SAME_CORE, NONE"),
                Map.entry(Map.of("size", Integer.toString(UdpMechanism.LARGEST_SIZE + 1)), "choose a size from 1 to 65491"),
                Map.entry(Map.of("size", "65536"), "at most 65507 bytes")));
    }

    /** Both sockets are bound to 127.0.0.1, never to a wildcard, and connected to each other. */
    @Test
    void bothEndsAreBoundToTheLoopbackAndConnectedToEachOther() throws IOException {
        try (RoundTrip roundTrip = PeerTraffic.roundTrip(mechanism(), params(Map.of("wait", "BLOCKING"), 64))) {
            roundTrip.onceVerified(0);
            long peer = PeerTraffic.session(roundTrip).peer().pid();
            List<String[]> ours = UdpSockets.of(ProcessHandle.current().pid());
            List<String[]> peers = UdpSockets.of(peer);
            assertEquals(1, ours.size(), "one UDP socket in the benchmark's process");
            assertEquals(1, peers.size(), "one UDP socket in the peer's process");
            assertEquals(ours.getFirst()[2], peers.getFirst()[1], "the benchmark's socket is connected to the peer's address");
            assertEquals(peers.getFirst()[2], ours.getFirst()[1], "the peer's socket is connected to the benchmark's address");
            assertEquals("0100007F", ours.getFirst()[1].split(":")[0], "bound to 127.0.0.1");
            assertEquals("0100007F", peers.getFirst()[1].split(":")[0], "bound to 127.0.0.1");
        }
    }

    @AfterEach
    void noUdpSocketIsLeftOpen() throws IOException {
        assertEquals(List.of(), UdpSockets.of(ProcessHandle.current().pid()).stream().map(s -> s[1] + " -> " + s[2]).toList(),
                "UDP sockets left open in this process");
    }

    /** The UDP sockets a process holds, from its descriptors and /proc/net/udp: each {inode, local address, remote address} in the kernel's hex. */
    static final class UdpSockets {
        private UdpSockets() {}

        static List<String[]> of(long pid) throws IOException {
            Set<String> inodes;
            try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
                inodes = fds.map(UdpSockets::target).filter(t -> t.startsWith("socket:["))
                        .map(t -> t.substring("socket:[".length(), t.length() - 1)).collect(Collectors.toSet());
            }
            return Files.readAllLines(Path.of("/proc/net/udp")).stream().skip(1).map(line -> line.strip().split("\\s+"))
                    .filter(fields -> inodes.contains(fields[9])).map(fields -> new String[] {fields[9], fields[1], fields[2]}).toList();
        }

        private static String target(Path fd) {
            try {
                return Files.readSymbolicLink(fd).toString();
            } catch (IOException e) {
                return ""; // closed since listed
            }
        }
    }
}
