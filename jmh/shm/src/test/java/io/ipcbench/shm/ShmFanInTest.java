package io.ipcbench.shm;

import io.ipcbench.link.FanIn;
import io.ipcbench.link.Params;
import io.ipcbench.link.PeerFailure;
import io.ipcbench.link.PeerFaultContract;
import io.ipcbench.peer.FanInContract;
import io.ipcbench.peer.FanInSession;
import io.ipcbench.peer.Watchdog;
import io.ipcbench.ring.AbandonedClaimFanIn;
import io.ipcbench.ring.FanInRings;
import io.ipcbench.ring.SyncKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fan-in through shared memory with real producer processes, for both ring shapes and every sync a
 * fan-in allows: every message arrives once, in order per producer, intact ({@link
 * io.ipcbench.traffic.FanInTraffic} checks each); a producer killed or stopped mid-run fails the
 * trial naming it, and leaves no process and no /dev/shm file behind; bad params are refused in one
 * line before anything exists. Three producers at most in the matrix: enough to contend for the
 * claim and to interleave, few enough for a 2-vCPU machine, where three spinning producers and a
 * spinning consumer already outnumber the CPUs (slow, never stuck: that is what the matrix shows).
 */
class ShmFanInTest extends FanInContract {
    private static final List<String> SIZES = List.of("8", "64", "8192", "65536");
    private final ShmRingsFanIn fanIn = new ShmRingsFanIn();

    @Override
    protected FanIn fanIn() {
        return fanIn;
    }

    /**
     * The contract runs a ring per producer: there a stopped producer holds nothing the others need, so
     * its own watchdog names it, as the contract expects; the shared ring's own cases are below.
     */
    @Override
    protected Map<String, String> variant() {
        return Map.of("rings", "PER_PRODUCER", FanInRings.SYNC, "SPIN_THEN_FUTEX");
    }

    @Override
    protected int largeSize() {
        return 65536;
    }

    /** The contract's cases, and every shape, sync and size run below, the refused syncs seen refused. */
    @Override
    public Stream<Params> exercised() {
        Stream<Params> matrix = Arrays.stream(FanInRings.values()).flatMap(rings -> Stream.of(SyncKind.values())
                .map(sync -> params("rings", rings.name(), FanInRings.SYNC, sync.name())));
        Stream<Params> sizes = SIZES.stream().map(size -> params("rings", "MPSC", "size", size));
        return Stream.of(super.exercised(), matrix, sizes).flatMap(s -> s);
    }

    static Stream<Arguments> shapesSyncsAndCounts() {
        return Arrays.stream(FanInRings.values()).flatMap(rings -> FanInRings.SYNCS.stream()
                .flatMap(sync -> Stream.of(1, 3).map(n -> Arguments.of(rings, sync, n))));
    }

    @ParameterizedTest(name = "rings={0} sync={1} producers={2}")
    @MethodSource("shapesSyncsAndCounts")
    void everyMessageArrivesOnceInOrderPerProducerAndIntact(FanInRings rings, SyncKind sync, int producers) {
        deliversEveryMessage(params("rings", rings.name(), FanInRings.SYNC, sync.name(), "producers", Integer.toString(producers)));
    }

    static Stream<Arguments> shapesAndSizes() {
        return Arrays.stream(FanInRings.values()).flatMap(rings -> SIZES.stream().map(size -> Arguments.of(rings, size)));
    }

    @ParameterizedTest(name = "rings={0} size={1}")
    @MethodSource("shapesAndSizes")
    void everySizeArrivesIntact(FanInRings rings, String size) {
        deliversEveryMessage(params("rings", rings.name(), "size", size));
    }

    @ParameterizedTest(name = "rings=MPSC producers={0}")
    @MethodSource("io.ipcbench.bench.FanInCounts#offered")
    void everyOfferedProducerCountDeliversEveryMessageThroughTheSharedRing(String producers) {
        deliversEveryMessage(params("rings", "MPSC", "producers", producers));
    }

    /** Every check of {@link FanInSession#receive} passes for {@link #MESSAGES}, and every producer got some through. */
    private void deliversEveryMessage(Params params) {
        long[] delivered = deliver(params, MESSAGES);
        assertTrue(Arrays.stream(delivered).allMatch(n -> n > 0), "every producer delivered: " + Arrays.toString(delivered));
    }

    @Test
    void aKilledProducerOfTheSharedRingFailsTheTrialNamingIt() throws IOException, InterruptedException {
        try (FanInSession session = FanInSession.open(fanIn, params("rings", "MPSC"))) {
            consume(session, MESSAGES);
            long pid = session.producerPids().get(1);
            signal("-KILL", pid);
            long at = System.nanoTime();
            PeerFailure failure = untilItFails(session);
            double seconds = (System.nanoTime() - at) / 1e9;
            assertTrue(seconds < PeerFaultContract.FAILURE_SECONDS, "failed after " + seconds + " s");
            assertTrue(failure.getMessage().contains("producer 2 of 3 (pid " + pid + ") exited with status 137"), failure.getMessage());
        }
    }

    /** With one shared ring a stopped producer most likely stopped holding a claim, and the consumer names it before its watchdog does. */
    @Test
    void aStoppedProducerOfTheSharedRingIsNamed() throws IOException, InterruptedException {
        try (FanInSession session = FanInSession.open(fanIn, params("rings", "MPSC"))) {
            consume(session, MESSAGES);
            long pid = session.producerPids().get(2);
            signal("-STOP", pid);
            long at = System.nanoTime();
            PeerFailure failure = untilItFails(session);
            double seconds = (System.nanoTime() - at) / 1e9;
            assertTrue(seconds < STOP_SECONDS, "failed after " + seconds + " s");
            assertTrue(failure.getMessage().contains("producer 3 of 3 (pid " + pid + ")"), failure.getMessage());
        }
    }

    static Stream<SyncKind> fanInSyncs() {
        return FanInRings.SYNCS.stream();
    }

    /**
     * A producer that dies holding a claimed slot is named by its exit (not by the claim's bound) once
     * the consumer reaches the slot; the time counts from the opening, the messages before it included.
     */
    @ParameterizedTest
    @MethodSource("fanInSyncs")
    void aProducerThatDiesBetweenClaimAndPublicationIsNamed(SyncKind sync) {
        PeerFailure failure = abandonedClaim(sync, "EXIT", Watchdog.STALL_SECONDS);
        assertTrue(failure.getMessage().matches("(?s).*producer 2 of 3 \\(pid \\d+\\) exited with status 3.*"), failure.getMessage());
    }

    /** One that hangs holding it is named by the consumer after its bound, before any watchdog judges the producers blocked behind it. */
    @ParameterizedTest
    @EnumSource(value = SyncKind.class, names = {"SPIN", "FUTEX"})
    void aProducerThatHangsBetweenClaimAndPublicationIsNamed(SyncKind sync) {
        PeerFailure failure = abandonedClaim(sync, "HANG", Watchdog.STALL_SECONDS);
        assertTrue(failure.getMessage().matches("(?s)shm .*: producer 2 of 3 \\(pid \\d+\\) claimed slot \\d+ of the ring and has not"
                + " published it for 5 s.*"), failure.getMessage());
    }

    /** The trial of {@link AbandonedClaimFanIn}, consumed until it fails, which it must within {@code boundSeconds} and what a failure takes. */
    private PeerFailure abandonedClaim(SyncKind sync, String abandon, long boundSeconds) {
        try (FanInSession session = FanInSession.open(new AbandonedClaimFanIn(), params("rings", "MPSC", FanInRings.SYNC, sync.name(), "abandon", abandon))) {
            session.iterationBegins();
            long at = System.nanoTime();
            PeerFailure failure = untilItFails(session);
            double seconds = (System.nanoTime() - at) / 1e9;
            assertTrue(seconds < boundSeconds + PeerFaultContract.FAILURE_SECONDS, "failed after " + seconds + " s");
            return failure;
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "rings|RING|rings=RING is not allowed; choose one of MPSC, PER_PRODUCER",
            "fanInSync|SEMAPHORE|fanInSync=SEMAPHORE is not allowed with rings=MPSC: a fan-in waits with SPIN, FUTEX, SPIN_THEN_FUTEX",
            "fanInSync|MUTEX|fanInSync=MUTEX is not allowed with rings=MPSC",
            "fanInSync|SYSV_SEMAPHORE|fanInSync=SYSV_SEMAPHORE is not allowed",
            "fanInSync|YIELD|fanInSync=YIELD is not allowed; choose one of SPIN, FUTEX"})
    void badShapesAndSyncsAreRefusedBeforeAnythingStarts(String key, String value, String expected) {
        assertRefused(params("rings", "MPSC", key, value), expected);
    }

    /** 100 rings of 64 slots of 16 MiB: 100 GiB, more than a /dev/shm of half this machine's memory holds (the one MPSC ring is 1 GiB). */
    @Test
    void ringsLargerThanDevShmAreRefusedBeforeAnythingStarts() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FanInSession.open(fanIn,
                params("rings", "PER_PRODUCER", "producers", "100", "size", Integer.toString(Params.MAX_SIZE))));
        assertTrue(e.getMessage().matches("shm .*: the rings need \\d+ bytes of /dev/shm, which has \\d+ bytes free; choose a smaller"
                + " size or fewer producers.*"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
}
