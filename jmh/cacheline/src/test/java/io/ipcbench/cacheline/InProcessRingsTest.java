package io.ipcbench.cacheline;

import io.ipcbench.link.Params;
import io.ipcbench.link.PeerFailure;
import io.ipcbench.link.Role;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.os.Pinning;
import io.ipcbench.os.TwoCores;
import io.ipcbench.peer.Watchdog;
import io.ipcbench.ring.RingLayout;
import io.ipcbench.ring.SyncKind;
import io.ipcbench.traffic.OneWay;
import io.ipcbench.traffic.RoundTrip;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Both ends of the shm rings in one JVM: every message intact, bounded failures, nothing left behind. */
class InProcessRingsTest {
    private static final List<Integer> SIZES = List.of(64, 4096, 65537, 1 << 20);
    /** How soon a corrupt message must fail the benchmark: the peer thread refuses the second one it reads. */
    private static final Duration BOUND = Duration.ofSeconds(30);
    /**
     * Two threads of one process have no watchdog: a protocol that lost a message would wait
     * forever. A trial fails when no message has moved for this long, the watchdog's bound for a
     * peer process. The whole trial has no bound: on one CPU shared with other work, each hand-off
     * of a spinning pair waits for the spinner's time slice to end, and 1000 round trips took
     * over 30 s in a loaded run, yet every message arrived.
     */
    private static final Duration STALL = Duration.ofSeconds(Watchdog.STALL_SECONDS);

    static Stream<Params> echoMatrix() {
        return matrix("1");
    }

    /** Capacity 2, the smallest ring that wraps: every other message reuses a slot the mask picks. */
    static Stream<Params> streamMatrix() {
        return matrix("2");
    }

    private static Stream<Params> matrix(String capacity) {
        return Arrays.stream(SyncKind.values()).flatMap(sync -> Arrays.stream(RingLayout.values()).flatMap(layout ->
                SIZES.stream().map(size -> params(Map.of("sync", sync.name(), "layout", layout.name(),
                        "capacity", capacity, "size", Integer.toString(size), "verify", "true")))));
    }

    private static Params params(Map<String, String> values) {
        return new Params(InProcessRings.NAME, values);
    }

    /**
     * Enough messages to wrap every ring many times, few enough to stay quick on a busy machine,
     * where a spinning thread that loses its CPU stalls the other for a time slice.
     */
    private static int messagesFor(int size) {
        return Math.clamp((16 << 20) / size, 16, 1_000);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("echoMatrix")
    void everyRoundTripReturnsTheSameMessage(Params params) throws Exception {
        failsIfStuck(moved -> {
            try (RoundTrip roundTrip = RoundTrip.over(InProcessRings.start(params, Role.ECHO))) {
                for (long seq = 0; seq < messagesFor(params.size()); seq++) {
                    roundTrip.onceVerified(seq);
                    moved.incrementAndGet();
                }
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamMatrix")
    void everyStreamedMessageIsConsumedOnceInOrder(Params params) throws Exception {
        failsIfStuck(moved -> {
            try (OneWay stream = OneWay.over(InProcessRings.start(params, Role.SINK))) {
                int n = messagesFor(params.size());
                for (int i = 0; i < n; i++) {
                    stream.sendVerified();
                    moved.incrementAndGet();
                }
                long batch = OneWay.batchFor(params.size());
                // the sink checks every message before it acknowledges its batch: the last acknowledgement covers them all
                assertEquals((n + batch - 1) / batch * batch, stream.drain(true), "messages the peer thread acknowledged");
            }
        });
    }

    @Test
    void aPeerThreadThatFindsACorruptMessageFailsTheBenchmarkWithItsReason() {
        Params params = params(Map.of("sync", "FUTEX", "layout", "PADDED", "capacity", "1", "size", "64", "verify", "true"));
        try (OneWay stream = OneWay.over(InProcessRings.start(params, Role.SINK))) {
            PeerFailure failure = assertTimeoutPreemptively(BOUND, () -> assertThrows(PeerFailure.class, () -> {
                while (true) {
                    stream.send(); // every message carries sequence number 0: the second one is out of order
                }
            }));
            assertTrue(failure.getMessage().contains("the peer thread failed"), failure.getMessage());
            assertTrue(failure.getMessage().contains("message 1 of 64 bytes differs"), failure.getMessage());
            assertTrue(failure.getMessage().contains(params.describe()), failure.getMessage());
        }
    }

    @Test
    void thePeerThreadRunsOnThePlannedCpu() throws IOException {
        Pinning.Plan plan = TwoCores.planOrSkip("on one CPU every thread runs there, pinned or not");
        Params params = params(Map.of("sync", "SPIN", "layout", "PADDED", "capacity", "1", "size", "64", "pinning", "cross-core"));
        try (RoundTrip roundTrip = RoundTrip.over(InProcessRings.start(params, Role.ECHO))) {
            roundTrip.once(); // the peer thread has pinned itself before it echoes
            assertEquals(Integer.toString(plan.peerCpu()), peerThreadAffinity());
        }
    }

    @Test
    void invalidParametersAreRefusedBeforeAnythingIsCreated() {
        Map<Map<String, String>, String> invalid = new LinkedHashMap<>();
        invalid.put(with("sync", "SPINLOCK"), "in-process shm: sync=SPINLOCK is not allowed; choose one of SPIN, FUTEX, SPIN_THEN_FUTEX, SEMAPHORE, MUTEX, SYSV_SEMAPHORE");
        invalid.put(with("layout", "DIAGONAL"), "layout=DIAGONAL is not allowed; choose one of PADDED, SHARED_INDICES, FLAG_WITH_PAYLOAD");
        invalid.put(with("capacity", "0"), "capacity is the number of message slots in each ring, a power of two, a whole number from 1 to 4096");
        invalid.put(with("capacity", "3"), "capacity=3 is not a power of two; capacity is the number of message slots in each ring, a power of two from 1 to 4096");
        invalid.put(with("size", "0"), "size=0 is out of range; size is the payload in bytes, a whole number from 1 to 16777216");
        invalid.put(with("size", "lots"), "size=lots is not a number");
        invalid.put(with("pinning", "sideways"), "pinning=sideways is not allowed; choose one of CROSS_CORE, SAME_CORE, NONE");
        invalid.put(with("sync", ""), "parameter sync is missing");
        invalid.forEach((values, expected) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> InProcessRings.start(params(values), Role.ECHO), () -> "accepted " + values);
            assertTrue(e.getMessage().contains(expected), () -> "message for " + values + ": " + e.getMessage());
            assertEquals(List.of(), peerThreads(), "no peer thread was started for " + values);
        });
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> values = new LinkedHashMap<>(Map.of("sync", "SPIN", "layout", "PADDED", "capacity", "1", "size", "64"));
        values.put(key, value);
        return values;
    }

    /**
     * Runs {@code trial} on a thread of its own, which counts the messages it has moved, and fails
     * it once that count has stood still for {@link #STALL}.
     */
    private static void failsIfStuck(Consumer<AtomicLong> trial) throws Exception {
        AtomicLong moved = new AtomicLong();
        FutureTask<Void> task = new FutureTask<>(() -> trial.accept(moved), null);
        Thread runner = Thread.ofPlatform().name("in-process-trial").start(task);
        long seen = -1;
        long movedAt = System.nanoTime();
        while (true) {
            try {
                task.get(1, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw (Exception) e.getCause();
            } catch (TimeoutException stillRunning) {
                if (moved.get() != seen) {
                    seen = moved.get();
                    movedAt = System.nanoTime();
                } else if (System.nanoTime() - movedAt > STALL.toNanos()) {
                    runner.interrupt();
                    fail("no message moved for " + STALL.toSeconds() + " s, after " + seen + ": a message was lost");
                }
            }
        }
    }

    @AfterEach
    void nothingIsLeftBehind() {
        assertEquals(List.of(), peerThreads(), "peer threads still alive");
        assertEquals(List.of(), NamedObjects.presentFor(ProcessHandle.current().pid()), "named objects left in /dev/shm");
    }

    private static List<Thread> peerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(InProcessRings.PEER_THREAD) && t.isAlive()).toList();
    }

    /** Cpus_allowed_list of the thread the kernel knows as the peer thread. */
    private static String peerThreadAffinity() throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                if (Files.readString(task.resolve("comm")).strip().equals(InProcessRings.PEER_THREAD)) {
                    return Files.readAllLines(task.resolve("status")).stream()
                            .filter(line -> line.startsWith("Cpus_allowed_list:"))
                            .map(line -> line.substring(line.indexOf(':') + 1).strip())
                            .findFirst().orElseThrow();
                }
            }
        }
        throw new AssertionError("no thread named " + InProcessRings.PEER_THREAD + " in /proc/self/task");
    }
}
