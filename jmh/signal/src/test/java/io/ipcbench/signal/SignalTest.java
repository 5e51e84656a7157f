package io.ipcbench.signal;

import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Params;
import io.ipcbench.link.PeerFaultContract;
import io.ipcbench.peer.PeerTraffic;
import io.ipcbench.traffic.OneWay;
import io.ipcbench.traffic.RoundTrip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What MechanismContract checks for the other mechanisms, for signals, which have no size: every
 * round trip returns, every streamed signal is consumed (realtime ones in sequence, which both
 * ends check), bad params are refused; and the fault matrix, with realtime signals, whose
 * sequence numbers let the peer detect a repeated message.
 */
class SignalTest extends PeerFaultContract {
    /** A multiple of every batch (1 standard, 1024 realtime), so that draining sends nothing extra. */
    private static final int MESSAGES = 10_240;

    @Override
    protected Mechanism mechanism() {
        return new SignalMechanism();
    }

    @Override
    protected Params faultParams() {
        return params(SignalKind.REALTIME);
    }

    /**
     * Both kinds, which everyRoundTripComesBack and everyStreamedSignalIsConsumedOnce carry; they
     * wait alike (sigtimedwait), so realtime alone is faulted.
     */
    @Override
    public Stream<Params> exercised() {
        return Stream.concat(super.exercised(), kinds());
    }

    static Stream<Params> kinds() {
        return Arrays.stream(SignalKind.values()).map(SignalTest::params);
    }

    /** Realtime signals queue up to half RLIMIT_SIGPENDING: the window is there. */
    @Override
    protected Optional<Params> windowHoldingParams() {
        return Optional.of(faultParams());
    }

    /**
     * Queues, from this process, the last sequence number again to the peer's receiving thread,
     * the one of its threads that blocks the signal, to take it with sigtimedwait.
     */
    @Override
    protected String repeatLastMessage(OneWay stream, long sent) {
        int signal = SignalKind.REALTIME.signal();
        long peer = PeerTraffic.session(stream).peer().pid();
        List<Integer> receivers = threadsBlocking(peer, signal);
        for (int i = 0; i < 500 && receivers.size() != 1; i++) {
            pause(10);
            receivers = threadsBlocking(peer, signal);
        }
        assertEquals(1, receivers.size(), "threads of the peer (alive: " + PeerTraffic.session(stream).peer().isAlive()
                + ") that block signal " + signal + ": " + receivers);
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(0, Signals.queue((int) peer, receivers.getFirst(), signal, Signals.queueInfo(arena, signal), sent - 1));
        }
        return "took sequence number " + (sent - 1) + " where " + sent + " was due";
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyRoundTripComesBack(Params params) {
        try (RoundTrip roundTrip = PeerTraffic.roundTrip(new SignalMechanism(), params)) {
            for (int i = 0; i < MESSAGES; i++) {
                roundTrip.once();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyStreamedSignalIsConsumedOnce(Params params) {
        try (OneWay stream = PeerTraffic.oneWay(new SignalMechanism(), params)) {
            for (int i = 0; i < MESSAGES; i++) {
                stream.send();
            }
            assertEquals(MESSAGES, stream.drain(false), "signals the peer acknowledged");
            assertTrue(PeerTraffic.session(stream).peer().isAlive(), "the peer found every sequence number in order and still runs");
        }
    }

    @Test
    void aSignalLeftPendingByAnEarlierTrialIsNotTakenAsAMessage() {
        try (OneWay stream = PeerTraffic.oneWay(new SignalMechanism(), params(SignalKind.STANDARD))) {
            stream.send(); // the peer acknowledges it with a signal this thread never takes
            assertTrue(pendingForThisThread(Signals.SIGUSR1), "the acknowledgement waits, pending");
        }
        try (RoundTrip roundTrip = PeerTraffic.roundTrip(new SignalMechanism(), params(SignalKind.STANDARD))) {
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
                    () -> PeerTraffic.roundTrip(new SignalMechanism(), new Params("signal", values)), () -> "accepted " + values);
            assertTrue(e.getMessage().contains(message), () -> "message for " + values + ": " + e.getMessage());
            assertEquals(List.of(), liveChildren(), "no peer was started for " + values);
        });
    }

    /** The threads of process {@code pid} that block {@code signal}: bit signal-1 of SigBlk in their /proc status. */
    private static List<Integer> threadsBlocking(long pid, int signal) {
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.filter(task -> hasBit(task.resolve("status"), "SigBlk:", signal))
                    .map(task -> Integer.parseInt(task.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code signal} is pending for the calling thread: bit signal-1 of SigPnd in /proc/thread-self/status. */
    private static boolean pendingForThisThread(int signal) {
        for (int i = 0; i < 500; i++) {
            if (hasBit(Path.of("/proc/thread-self/status"), "SigPnd:", signal)) {
                return true;
            }
            pause(10);
        }
        return false;
    }

    /** Whether the signal mask on line {@code field} of a /proc status file has {@code signal}'s bit. */
    private static boolean hasBit(Path status, String field, int signal) {
        try {
            return Files.readAllLines(status).stream().filter(line -> line.startsWith(field))
                    .anyMatch(line -> (Long.parseUnsignedLong(line.substring(field.length()).strip(), 16) & (1L << (signal - 1))) != 0);
        } catch (IOException e) {
            return false; // the thread ended meanwhile
        }
    }

    private static Params params(SignalKind kind) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("kind", kind.name());
        return new Params("signal", values);
    }
}
