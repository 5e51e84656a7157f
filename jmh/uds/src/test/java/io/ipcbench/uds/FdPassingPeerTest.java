package io.ipcbench.uds;

import io.ipcbench.link.ForkedPeer;
import io.ipcbench.link.Params;
import io.ipcbench.os.Libc;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.os.Sockets;
import io.ipcbench.peer.PeerTraffic;
import io.ipcbench.peer.Session;
import io.ipcbench.traffic.OneWay;
import io.ipcbench.traffic.RoundTrip;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Transfer#FD_PASSING} against a real peer process: thousands of memfds pass both ways and
 * neither process's count of open descriptors grows (each side closes what it received; the
 * sender closes its copy once the message is in flight); and a process other than the peer that
 * reaches the socket first is refused before any descriptor passes, the trial failing with its
 * pid, nothing left behind. The peer JVM is held at start-up (a JVM option, -XX:+PauseAtStartup)
 * until the intruder has connected, so the order is made, not raced.
 */
class FdPassingPeerTest {
    private static final long MY_PID = ProcessHandle.current().pid();
    private static final int WARM_UP = 200;
    private static final int MESSAGES = 3000;
    /** Descriptors the JVMs may open meanwhile for their own reasons (a class file, a log); a leak grows by MESSAGES. */
    private static final int SLACK = 4;

    private final UdsMechanism uds = new UdsMechanism();

    @AfterEach
    void nothingLeftBehind() {
        for (ProcessHandle child : ProcessHandle.current().children().toList()) {
            child.onExit().orTimeout(ForkedPeer.HANDSHAKE_TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
        }
        assertEquals(List.of(), NamedObjects.presentFor(MY_PID), "named objects left behind");
        assertEquals(0, OpenDescriptors.memfds(MY_PID), "memfds left open in this process");
    }

    @ParameterizedTest
    @EnumSource(SocketType.class)
    void openDescriptorsStayFlatOverThousandsOfRoundTrips(SocketType type) {
        try (RoundTrip roundTrip = PeerTraffic.roundTrip(uds, params(type, 4096))) {
            long peer = PeerTraffic.session(roundTrip).peer().pid();
            for (long seq = 0; seq < WARM_UP; seq++) {
                roundTrip.onceVerified(seq);
            }
            int mine = OpenDescriptors.count(MY_PID);
            int peers = OpenDescriptors.count(peer);
            for (long seq = WARM_UP; seq < WARM_UP + MESSAGES; seq++) {
                roundTrip.onceVerified(seq);
            }
            assertFlat(type + " round trips", mine, peers, peer);
        }
    }

    @ParameterizedTest
    @EnumSource(SocketType.class)
    void openDescriptorsStayFlatOverThousandsOfStreamedMessages(SocketType type) {
        try (OneWay stream = PeerTraffic.oneWay(uds, params(type, 64))) {
            long peer = PeerTraffic.session(stream).peer().pid();
            for (int i = 0; i < WARM_UP; i++) {
                stream.sendVerified();
            }
            stream.drain(true);
            int mine = OpenDescriptors.count(MY_PID);
            int peers = OpenDescriptors.count(peer);
            for (int i = 0; i < MESSAGES; i++) {
                stream.sendVerified();
            }
            assertTrue(stream.drain(true) >= WARM_UP + MESSAGES, "every message acknowledged");
            assertFlat(type + " stream", mine, peers, peer);
        }
    }

    /**
     * After the traffic, this process holds no memfd and the peer at most the one it may still be
     * closing after its last send; neither holds more descriptors than before, give or take {@link #SLACK}.
     */
    private static void assertFlat(String what, int mine, int peers, long peer) {
        assertEquals(0, OpenDescriptors.memfds(MY_PID), what + ": memfds open in the benchmark process");
        assertTrue(OpenDescriptors.memfds(peer) <= 1, what + ": memfds open in the peer: " + OpenDescriptors.memfds(peer));
        int nowMine = OpenDescriptors.count(MY_PID);
        int nowPeers = OpenDescriptors.count(peer);
        System.out.println("fd passing, " + what + ": open descriptors, benchmark " + mine + " -> " + nowMine + ", peer " + peers
                + " -> " + nowPeers + " over " + MESSAGES + " messages");
        assertTrue(nowMine <= mine + SLACK, what + ": the benchmark process's descriptors grew from " + mine + " to " + nowMine);
        assertTrue(nowPeers <= peers + SLACK, what + ": the peer's descriptors grew from " + peers + " to " + nowPeers);
    }

    @ParameterizedTest
    @EnumSource(SocketType.class)
    void aProcessOtherThanThePeerIsRefusedBeforeAnyDescriptorPasses(SocketType type, @TempDir Path scratch) {
        Path paused = scratch.resolve("peer.paused");
        String peerJvmArgs = System.getProperty(Session.PEER_JVM_ARGS_PROPERTY, "");
        System.setProperty(Session.PEER_JVM_ARGS_PROPERTY,
                peerJvmArgs + " -XX:+UnlockDiagnosticVMOptions -XX:+PauseAtStartup -XX:PauseAtStartupFile=" + paused);
        CompletableFuture<Integer> intruder = CompletableFuture.supplyAsync(() -> intrudeWhilePaused(type, paused));
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> PeerTraffic.roundTrip(uds, params(type, 64)).close());
            String source = type == SocketType.DGRAM ? "SCM_CREDENTIALS" : "SO_PEERCRED";
            assertTrue(e.getMessage().contains("uds FD_PASSING: refused the process at the other end of ")
                    && e.getMessage().contains(source + " says pid " + MY_PID + " uid "), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        } finally {
            System.setProperty(Session.PEER_JVM_ARGS_PROPERTY, peerJvmArgs);
            Libc.close(intruder.join());
        }
    }

    /** Once the peer JVM is paused at start-up, this process reaches the trial's socket, then lets the peer go on. */
    private static int intrudeWhilePaused(SocketType type, Path paused) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ForkedPeer.HANDSHAKE_TIMEOUT_SECONDS);
        while (!Files.exists(paused)) {
            assertTrue(System.nanoTime() < deadline, "the peer JVM never paused at start-up");
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        Path directory = Path.of(NamedObjects.presentFor(MY_PID).getFirst());
        int fd = Sockets.socket(type.code);
        if (type == SocketType.DGRAM) {
            Sockets.connect(fd, NativeSockets.benchmarkAddress(directory));
            try (Arena arena = Arena.ofConfined()) {
                assertEquals(1, Sockets.send(fd, arena.allocate(ValueLayout.JAVA_BYTE).address(), 1, Sockets.MSG_NOSIGNAL));
            }
        } else {
            Sockets.connect(fd, NativeSockets.listenerFile(directory, type));
        }
        try {
            Files.delete(paused);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fd;
    }

    private static Params params(SocketType type, int size) {
        Map<String, String> values = new LinkedHashMap<>(UdsTest.passing(type, "BLOCKING"));
        values.put("size", Integer.toString(size));
        values.put("verify", "true");
        return new Params("uds", values);
    }
}
