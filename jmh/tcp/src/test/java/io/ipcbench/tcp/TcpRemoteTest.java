package io.ipcbench.tcp;

import io.ipcbench.link.Params;
import io.ipcbench.link.PeerFailure;
import io.ipcbench.peer.PeerTraffic;
import io.ipcbench.peer.Watchdog;
import io.ipcbench.traffic.OneWay;
import io.ipcbench.traffic.RoundTrip;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Remote mode against a real TcpPeerServer JVM listening on 127.0.0.1, started and stopped by each test. */
class TcpRemoteTest {
    private Process server;
    private String address;

    @BeforeEach
    void startServer() throws IOException {
        server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), TcpPeerServer.class.getName(), "--listen", "127.0.0.1:0")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = server.inputReader();
        String line = out.readLine();
        assertTrue(line != null && line.startsWith("listening on 127.0.0.1:"), "the server's first line: " + line);
        address = line.substring("listening on ".length());
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        server.destroyForcibly();
        assertTrue(server.waitFor(10, TimeUnit.SECONDS), "the server exits");
        assertEquals(List.of(), ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList(), "processes left running");
    }

    @ParameterizedTest
    @ValueSource(strings = {"BLOCKING", "BUSY_POLL"})
    void roundTripsThenAStreamGoThroughTheServerIntact(String wait) {
        TcpMechanism tcp = new TcpMechanism(address);
        try (RoundTrip roundTrip = PeerTraffic.roundTrip(tcp, params(wait, 4096))) {
            assertNull(PeerTraffic.session(roundTrip).peer(), "no peer JVM forked");
            assertEquals(List.of(server.pid()), ProcessHandle.current().children().map(ProcessHandle::pid).toList());
            for (long seq = 0; seq < 2000; seq++) {
                roundTrip.onceVerified(seq);
            }
        }
        Params params = params(wait, 65537);
        try (OneWay stream = PeerTraffic.oneWay(tcp, params)) {
            for (int i = 0; i < 1000; i++) {
                stream.sendVerified();
            }
            long batch = OneWay.batchFor(params.size());
            assertEquals((1000 + batch - 1) / batch * batch, stream.drain(true), "messages the server acknowledged");
        }
    }

    @Test
    void theServerRefusesATrialWithBadParamsAndServesTheNextOne() throws IOException {
        try (SocketChannel raw = SocketChannel.open(new InetSocketAddress("127.0.0.1", port()))) {
            raw.configureBlocking(false);
            TcpHandshake.send(raw, TcpHandshake.VERSION + " ECHO size=0 nodelay=true");
            String reply = TcpHandshake.receive(raw);
            assertTrue(reply.startsWith("ERROR tcp: size=0 is out of range"), reply);
        }
        try (RoundTrip roundTrip = PeerTraffic.roundTrip(new TcpMechanism(address), params("BLOCKING", 64))) {
            roundTrip.onceVerified(0);
        }
    }

    @Test
    void aServerKilledMidStreamFailsTheBenchmarkNamingItsAddress() {
        try (OneWay stream = PeerTraffic.oneWay(new TcpMechanism(address), params("BLOCKING", 4096))) {
            stream.sendVerified();
            server.destroyForcibly();
            PeerFailure failure = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> assertThrows(PeerFailure.class, () -> {
                while (true) {
                    stream.sendVerified();
                }
            }));
            assertTrue(failure.getMessage().contains("peer server at " + address + " was closed or reset"), failure.getMessage());
        }
    }

    @Test
    void aStoppedServerIsDroppedByTheWatchdogAndTheBenchmarkFails() throws Exception {
        try (OneWay stream = PeerTraffic.oneWay(new TcpMechanism(address), params("BLOCKING", 64))) {
            stream.sendVerified();
            new ProcessBuilder("kill", "-STOP", Long.toString(server.pid())).start().waitFor();
            PeerFailure failure = assertTimeoutPreemptively(Duration.ofSeconds(Watchdog.STALL_SECONDS + 5),
                    () -> assertThrows(PeerFailure.class, () -> {
                        while (true) {
                            stream.sendVerified();
                        }
                    }));
            assertTrue(failure.getMessage().contains(address), failure.getMessage());
            assertTrue(failure.getMessage().contains("the watchdog dropped it because the server made no progress"), failure.getMessage());
        }
    }

    @Test
    void aMalformedOrUnreachableAddressIsReportedWithTheFix() {
        Params params = params("BLOCKING", 64);
        IllegalArgumentException malformed = assertThrows(IllegalArgumentException.class, () -> PeerTraffic.roundTrip(new TcpMechanism("nowhere"), params));
        assertEquals("tcp: -Dipcbench.tcp.remote=nowhere is not host:port (e.g. 10.0.0.2:7000 or [::1]:7000)", malformed.getMessage());
        server.destroyForcibly();
        IllegalStateException unreachable = assertThrows(IllegalStateException.class, () -> {
            server.waitFor();
            PeerTraffic.roundTrip(new TcpMechanism(address), params);
        });
        assertTrue(unreachable.getMessage().contains("cannot reach the peer server at " + address), unreachable.getMessage());
        assertTrue(unreachable.getMessage().contains("TcpPeerServer --listen " + address), unreachable.getMessage());
    }

    private int port() {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    private static Params params(String wait, int size) {
        return new Params("tcp", Map.of("size", Integer.toString(size), "nodelay", "true", "wait", wait, "verify", "true"));
    }
}
