package io.ipcbench.link;

import io.ipcbench.os.NamedObjects;
import io.ipcbench.peer.PeerProcess;
import io.ipcbench.peer.Watchdog;
import io.ipcbench.traffic.OneWay;
import io.ipcbench.traffic.RoundTrip;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every mechanism must do, against a real peer process through the real kernel object.
 * A new mechanism gets the whole matrix by subclassing this and naming its variants.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class MechanismContract {
    protected static final List<Integer> SIZES = List.of(64, 4096, 65537, 1 << 20);

    protected abstract Mechanism mechanism();

    /** The mechanism's own parameters to cover (each combined with every size), for round trips. */
    protected abstract Stream<Map<String, String>> echoVariants();

    /** The same for one-way streams. */
    protected abstract Stream<Map<String, String>> streamVariants();

    /** One variant for the crash tests: preferably one whose waits block in the kernel. */
    protected abstract Map<String, String> crashVariant();

    /** Parameter sets the mechanism must refuse, each with a fragment its message must contain. */
    protected abstract Stream<Map.Entry<Map<String, String>, String>> invalidVariants();

    /**
     * For a mechanism whose message size is fixed by its kernel object: a fragment of the message
     * that must refuse {@code params}, or null when the mechanism must carry them. The matrix tests
     * then assert the refusal instead of skipping the size.
     */
    protected String refusalOf(Params params) {
        return null;
    }

    Stream<Params> echoMatrix() {
        return echoVariants().flatMap(v -> SIZES.stream().map(size -> params(v, size)));
    }

    Stream<Params> streamMatrix() {
        return streamVariants().flatMap(v -> SIZES.stream().map(size -> params(v, size)));
    }

    protected Params params(Map<String, String> variant, int size) {
        Map<String, String> values = new LinkedHashMap<>(variant);
        values.put("size", Integer.toString(size));
        values.put("verify", "true");
        return new Params(mechanism().name(), values);
    }

    /** Enough messages to wrap every ring many times, few enough for 1 MiB messages to stay quick. */
    static int messagesFor(int size) {
        return Math.clamp((64 << 20) / size, 64, 10_000);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("echoMatrix")
    void everyRoundTripReturnsTheSameMessage(Params params) {
        if (refusedAsExpected(params, () -> RoundTrip.start(mechanism(), params))) {
            return;
        }
        try (RoundTrip roundTrip = RoundTrip.start(mechanism(), params)) {
            int n = messagesFor(params.size());
            for (long seq = 0; seq < n; seq++) {
                roundTrip.onceVerified(seq);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamMatrix")
    void everyStreamedMessageIsConsumedOnceInOrder(Params params) {
        if (refusedAsExpected(params, () -> OneWay.start(mechanism(), params))) {
            return;
        }
        try (OneWay stream = OneWay.start(mechanism(), params)) {
            int n = messagesFor(params.size());
            for (int i = 0; i < n; i++) {
                stream.sendVerified();
            }
            long consumed = stream.drain(true);
            long batch = OneWay.batchFor(params.size());
            assertEquals((n + batch - 1) / batch * batch, consumed, "messages the peer acknowledged");
            assertTrue(stream.session().peer().isAlive(), "the verifying peer found nothing wrong and still runs");
        }
    }

    /** True when {@link #refusalOf} expects {@code params} refused and {@code start} refused them so, before starting a peer. */
    private boolean refusedAsExpected(Params params, Executable start) {
        String refusal = refusalOf(params);
        if (refusal == null) {
            return false;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, start, () -> "accepted " + params.describe());
        assertTrue(e.getMessage().contains(refusal), e::getMessage);
        assertEquals(List.of(), liveChildren(), "no peer was started for " + params.describe());
        return true;
    }

    @Test
    void aPeerKilledMidStreamFailsTheBenchmarkQuicklyNamingTheCause() {
        Params params = params(crashVariant(), 4096);
        try (RoundTrip roundTrip = RoundTrip.start(mechanism(), params)) {
            IntStream.range(0, 100).forEach(roundTrip::onceVerified);
            ProcessHandle.of(roundTrip.session().peer().pid()).orElseThrow().destroyForcibly();
            PeerFailure failure = assertTimeoutPreemptively(Duration.ofSeconds(15),
                    () -> assertThrows(PeerFailure.class, () -> {
                        for (long seq = 100; ; seq++) {
                            roundTrip.onceVerified(seq);
                        }
                    }));
            assertTrue(failure.getMessage().contains("SIGKILL"), failure.getMessage());
            assertTrue(failure.getMessage().contains(params.describe()), failure.getMessage());
        }
    }

    @Test
    void aStoppedPeerIsKilledByTheWatchdogAndTheBenchmarkFails() throws Exception {
        Params params = params(crashVariant(), 64);
        try (OneWay stream = OneWay.start(mechanism(), params)) {
            stream.sendVerified();
            new ProcessBuilder("kill", "-STOP", Long.toString(stream.session().peer().pid())).start().waitFor();
            PeerFailure failure = assertTimeoutPreemptively(Duration.ofSeconds(Watchdog.STALL_SECONDS + 5),
                    () -> assertThrows(PeerFailure.class, () -> {
                        while (true) {
                            stream.sendVerified();
                        }
                    }));
            assertTrue(failure.getMessage().contains("made no progress"), failure.getMessage());
            assertTrue(failure.getMessage().contains("stopped"), failure.getMessage());
        }
    }

    @Test
    void invalidParametersAreRefusedBeforeAnythingIsCreated() {
        invalidVariants().forEach(bad -> {
            Params params = new Params(mechanism().name(), bad.getKey());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RoundTrip.start(mechanism(), params), () -> "accepted " + bad.getKey());
            assertTrue(e.getMessage().contains(bad.getValue()), () -> "message for " + bad.getKey() + ": " + e.getMessage());
            assertEquals(List.of(), liveChildren(), "no peer was started for " + bad.getKey());
        });
    }

    /** Size values every mechanism refuses, with the text that explains the rule. */
    protected static Stream<Map.Entry<Map<String, String>, String>> invalidSizes(Map<String, String> valid) {
        return Stream.of("0", "-1", "abc", "", Long.toString(Params.MAX_SIZE + 1L), "99999999999999999999")
                .map(size -> {
                    Map<String, String> values = new LinkedHashMap<>(valid);
                    values.put("size", size);
                    String rule = size.isEmpty() ? "size is missing" : "a whole number from 1 to " + Params.MAX_SIZE;
                    return Map.entry(values, rule);
                });
    }

    @AfterEach
    void nothingIsLeftBehind() throws InterruptedException {
        for (ProcessHandle child : ProcessHandle.current().children().toList()) {
            child.onExit().orTimeout(PeerProcess.HANDSHAKE_TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
        }
        assertEquals(List.of(), liveChildren(), "peer processes still alive");
        assertEquals(List.of(), NamedObjects.presentFor(ProcessHandle.current().pid()), "named objects left in /dev/shm");
    }

    private static List<Long> liveChildren() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList();
    }
}
