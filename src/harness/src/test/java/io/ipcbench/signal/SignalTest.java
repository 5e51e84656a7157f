package io.ipcbench.signal;

import io.ipcbench.link.Params;
import io.ipcbench.link.PeerFailure;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.os.Signals;
import io.ipcbench.peer.PeerProcess;
import io.ipcbench.peer.Watchdog;
import io.ipcbench.traffic.OneWay;
import io.ipcbench.traffic.RoundTrip;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What MechanismContract checks for the other mechanisms, for signals, which have no size: every
 * round trip returns, every streamed signal is consumed (realtime ones in sequence, which both
 * ends check), a dead or stopped peer fails the benchmark, bad params are refused, nothing is left.
 */
class SignalTest {
    /** A multiple of every batch (1 standard, 1024 realtime), so that draining sends nothing extra. */
    private static final int MESSAGES = 10_240;

    @ParameterizedTest
    @EnumSource(SignalKind.class)
    void everyRoundTripComesBack(SignalKind kind) {
        try (RoundTrip roundTrip = RoundTrip.start(new Signal(), params(kind))) {
            for (int i = 0; i < MESSAGES; i++) {
                roundTrip.once();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SignalKind.class)
    void everyStreamedSignalIsConsumedOnce(SignalKind kind) {
        try (OneWay stream = OneWay.start(new Signal(), params(kind))) {
            for (int i = 0; i < MESSAGES; i++) {
                stream.send();
            }
            assertEquals(MESSAGES, stream.drain(false), "signals the peer acknowledged");
            assertTrue(stream.session().peer().isAlive(), "the peer found every sequence number in order and still runs");
        }
    }

    /** Open, kill and fail in one thread: the signals go to the thread that opened the session. */
    @ParameterizedTest
    @EnumSource(SignalKind.class)
    void aPeerKilledMidStreamFailsTheBenchmarkQuicklyNamingTheCause(SignalKind kind) {
        Params params = params(kind);
        PeerFailure failure = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (RoundTrip roundTrip = RoundTrip.start(new Signal(), params)) {
                for (int i = 0; i < 100; i++) {
                    roundTrip.once();
                }
                ProcessHandle.of(roundTrip.session().peer().pid()).orElseThrow().destroyForcibly();
                return assertThrows(PeerFailure.class, () -> {
                    while (true) {
                        roundTrip.once();
                    }
                });
            }
        });
        assertTrue(failure.getMessage().contains("SIGKILL"), failure.getMessage());
        assertTrue(failure.getMessage().contains(params.describe()), failure.getMessage());
    }

    @Test
    void aStoppedPeerIsKilledByTheWatchdogAndTheBenchmarkFails() {
        PeerFailure failure = assertTimeoutPreemptively(Duration.ofSeconds(Watchdog.STALL_SECONDS + 10), () -> {
            try (OneWay stream = OneWay.start(new Signal(), params(SignalKind.STANDARD))) {
                stream.send();
                new ProcessBuilder("kill", "-STOP", Long.toString(stream.session().peer().pid())).start().waitFor();
                return assertThrows(PeerFailure.class, () -> {
                    while (true) {
                        stream.send();
                    }
                });
            }
        });
        assertTrue(failure.getMessage().contains("made no progress"), failure.getMessage());
        assertTrue(failure.getMessage().contains("stopped"), failure.getMessage());
    }

    @Test
    void aSignalLeftPendingByAnEarlierTrialIsNotTakenAsAMessage() throws Exception {
        try (OneWay stream = OneWay.start(new Signal(), params(SignalKind.STANDARD))) {
            stream.send(); // the peer acknowledges it with a signal this thread never takes
            assertTrue(pendingForThisThread(Signals.SIGUSR1), "the acknowledgement waits, pending");
        }
        try (RoundTrip roundTrip = RoundTrip.start(new Signal(), params(SignalKind.STANDARD))) {
            for (int i = 0; i < 100; i++) {
                roundTrip.once();
            }
        }
    }

    @Test
    void invalidParametersAreRefusedBeforeAnythingIsCreated() {
        Map<Map<String, String>, String> bad = Map.of(
                Map.of(), "signal: parameter kind is missing",
                Map.of("kind", "SOMETIMES"), "signal: kind=SOMETIMES is not allowed; choose one of STANDARD, REALTIME",
                Map.of("kind", "REALTIME", "size", "64"), "signal: size is not a parameter of this mechanism: a signal carries no payload",
                Map.of("kind", "STANDARD", "pinning", "diagonal"), "choose one of CROSS_CORE, SAME_CORE, NONE");
        bad.forEach((values, message) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RoundTrip.start(new Signal(), new Params("signal", values)), () -> "accepted " + values);
            assertTrue(e.getMessage().contains(message), () -> "message for " + values + ": " + e.getMessage());
            assertEquals(List.of(), liveChildren(), "no peer was started for " + values);
        });
    }

    @AfterEach
    void nothingIsLeftBehind() {
        for (ProcessHandle child : ProcessHandle.current().children().toList()) {
            child.onExit().orTimeout(PeerProcess.HANDSHAKE_TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
        }
        assertEquals(List.of(), liveChildren(), "peer processes still alive");
        assertEquals(List.of(), NamedObjects.presentFor(ProcessHandle.current().pid()), "named objects left behind");
    }

    /** Whether {@code signal} is pending for the calling thread: bit signal-1 of SigPnd in /proc/thread-self/status. */
    private static boolean pendingForThisThread(int signal) throws Exception {
        for (int i = 0; i < 500; i++) {
            for (String line : Files.readAllLines(Path.of("/proc/thread-self/status"))) {
                if (line.startsWith("SigPnd:") && (Long.parseUnsignedLong(line.substring(7).strip(), 16) & (1L << (signal - 1))) != 0) {
                    return true;
                }
            }
            Thread.sleep(10);
        }
        return false;
    }

    private static Params params(SignalKind kind) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("kind", kind.name());
        return new Params("signal", values);
    }

    private static List<Long> liveChildren() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList();
    }
}
