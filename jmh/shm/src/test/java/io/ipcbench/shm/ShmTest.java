package io.ipcbench.shm;

import io.ipcbench.link.ForkedPeer;
import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Params;
import io.ipcbench.ring.RingLayout;
import io.ipcbench.ring.RingMechanismContract;
import io.ipcbench.ring.RingObjects;
import io.ipcbench.ring.SharedRings;
import io.ipcbench.ring.SyncKind;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The whole contract over every backing: every sync with every layout on each, the faults with a
 * sleeping sync on each, 16 MiB messages on the two new ones. HUGETLB needs huge pages: as root
 * the class reserves them (and gives vm.nr_hugepages back after); where it cannot, HUGETLB's trials
 * are checked to be refused naming vm.nr_hugepages, and the faults that need pages are skipped,
 * saying why. After each test no System V segment this JVM created, and no huge page, is left.
 */
class ShmTest extends RingMechanismContract {
    private static final Map<String, String> VALID = Map.of("sync", "SPIN", "layout", "PADDED", "capacity", "1");
    /** Enough for the largest trial (16 MiB messages in two rings: 17 pages) and the stopped-peer test's sessions at once. */
    private static final long HUGE_PAGES = 40;
    private static Optional<String> noHugePages = Optional.of("not reserved yet");
    private static long hugePagesInUseBefore;

    @BeforeAll
    static void reserveHugePages() {
        noHugePages = ReservedHugePages.atLeast(HUGE_PAGES);
        noHugePages.ifPresent(why -> System.out.println("ShmTest: HUGETLB trials are checked to be refused, and its faults skipped: " + why));
        hugePagesInUseBefore = HugePages.inUse();
    }

    @AfterAll
    static void giveHugePagesBack() {
        ReservedHugePages.restore();
    }

    @Override
    protected Mechanism mechanism() {
        return new ShmMechanism();
    }

    /** Every backing with every sync strategy and every layout; capacity 1 is the handshake a round trip uses. */
    @Override
    protected Stream<Map<String, String>> echoVariants() {
        return everySyncAndLayout("1");
    }

    /** Capacity 2, the smallest ring that wraps: every other message reuses a slot the mask picks. */
    @Override
    protected Stream<Map<String, String>> streamVariants() {
        return everySyncAndLayout("2");
    }

    /** HUGETLB, where the pool cannot hold the rings: refused naming vm.nr_hugepages. */
    @Override
    protected Optional<String> refusedOnThisKernel(Map<String, String> variant, int size) {
        Params params = params(variant, size);
        boolean fits = ShmBacking.of(params) != ShmBacking.HUGETLB
                || HugePages.roundUp(SharedRings.of(params).bytes()) / HugePages.PAGE_BYTES <= HugePages.available();
        return fits ? Optional.empty() : Optional.of("vm.nr_hugepages");
    }

    @Override
    protected Map<String, String> crashVariant() {
        return Map.of("sync", "FUTEX", "layout", "PADDED", "capacity", "1");
    }

    /**
     * Each other sync waits its own way: spinning, on a semaphore, spinning then on the futex, on
     * a condition variable under a robust mutex, on a System V semaphore set. Then the other
     * backings with a sleeping sync: a peer killed must leave no segment and no huge page behind
     * (HUGETLB only where the pages are reserved).
     */
    @Override
    protected Stream<Map<String, String>> otherWaitVariants() {
        Stream<ShmBacking> backings = Stream.of(ShmBacking.SYSV_SHM, ShmBacking.HUGETLB)
                .filter(backing -> backing != ShmBacking.HUGETLB || noHugePages.isEmpty());
        return Stream.concat(
                Stream.of(SyncKind.SPIN, SyncKind.SEMAPHORE, SyncKind.SPIN_THEN_FUTEX, SyncKind.MUTEX, SyncKind.SYSV_SEMAPHORE)
                        .map(sync -> Map.of("sync", sync.name(), "layout", "PADDED", "capacity", "1")),
                backings.map(backing -> Map.of("backing", backing.name(), "sync", "FUTEX", "layout", "PADDED", "capacity", "1")));
    }

    /** ShmThroughput's 64 slots, beside the benchmarks' sizes; the largest messages on the backings the TLB lesson compares. */
    @Override
    protected Stream<Map<String, String>> benchmarkValues() {
        Stream<Map<String, String>> largest = Stream.of(ShmBacking.SYSV_SHM, ShmBacking.HUGETLB).map(backing ->
                withSize(Map.of("backing", backing.name(), "sync", "SPIN", "layout", "PADDED", "capacity", "1"), Params.MAX_SIZE));
        return Stream.of(super.benchmarkValues(), Stream.of(withSize(Map.of("sync", "FUTEX", "layout", "PADDED", "capacity", "64"), 64)), largest)
                .flatMap(s -> s);
    }

    /** POSIX's file in /dev/shm; the segment's marker goes once both processes attached it, and the memfd has no name. */
    @Override
    protected List<String> objectRoles(Params params) {
        return ShmBacking.of(params) == ShmBacking.POSIX ? RingObjects.roles(params, "rings") : RingObjects.roles(params);
    }

    /** Runs after the contract's own check that no peer is left: no segment this JVM created still exists, no huge page is held. */
    @AfterEach
    void noSegmentNorHugePageIsLeft() {
        for (ProcessHandle child : ProcessHandle.current().children().toList()) {
            child.onExit().orTimeout(ForkedPeer.HANDSHAKE_TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
        }
        assertEquals(List.of(), SysvSegments.now().createdBy(ProcessHandle.current().pid()), "System V segments left (ipcs -m)");
        assertEquals(hugePagesInUseBefore, HugePages.inUse(), "huge pages held after the test");
    }

    @Override
    protected Stream<Map.Entry<Map<String, String>, String>> invalidVariants() {
        return Stream.of(
                invalidSizes(with("size", "64")),
                invalidCapacities(ShmTest::with),
                invalidSyncAndLayout(ShmTest::with),
                Stream.of(
                        Map.entry(with("backing", "TAPE"), "backing=TAPE is not allowed; choose one of POSIX, SYSV_SHM, HUGETLB"),
                        Map.entry(with("capacity", "many"), "capacity=many is not a number"),
                        Map.entry(without("sync"), "parameter sync is missing")))
                .flatMap(s -> s);
    }

    /** What each sync keeps in the mapping: indices spun on, a futex word, a POSIX semaphore, a pthread mutex and its conditions. */
    private static final Set<SyncKind> IN_THE_MAPPING = EnumSet.of(SyncKind.SPIN, SyncKind.FUTEX, SyncKind.SEMAPHORE, SyncKind.MUTEX);

    /**
     * Every sync and layout on the POSIX backing; on the others, with PADDED, each kind of state a sync
     * keeps in the mapping ({@link #IN_THE_MAPPING}): a backing changes what is mapped, not where the
     * layouts put indices and slots, and SPIN_THEN_FUTEX is SPIN and FUTEX, SYSV_SEMAPHORE a set outside it.
     */
    private static Stream<Map<String, String>> everySyncAndLayout(String capacity) {
        return Arrays.stream(ShmBacking.values()).flatMap(backing -> Arrays.stream(SyncKind.values()).flatMap(sync -> Arrays.stream(RingLayout.values())
                .filter(layout -> backing == ShmBacking.POSIX || layout == RingLayout.PADDED && IN_THE_MAPPING.contains(sync))
                .map(layout -> Map.of("backing", backing.name(), "sync", sync.name(), "layout", layout.name(), "capacity", capacity))));
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> values = new LinkedHashMap<>(VALID);
        values.put("size", "64");
        values.put(key, value);
        return values;
    }

    private static Map<String, String> without(String key) {
        Map<String, String> values = with("size", "64");
        values.remove(key);
        return values;
    }
}
