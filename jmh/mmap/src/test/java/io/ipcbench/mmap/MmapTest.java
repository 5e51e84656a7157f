package io.ipcbench.mmap;

import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Params;
import io.ipcbench.ring.RingMechanismContract;
import io.ipcbench.ring.RingObjects;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

class MmapTest extends RingMechanismContract {
    /**
     * The sync strategies are shm's, tested there with every layout; here one sleeping and one
     * spinning one per backing, and MUTEX, whose mutex lives in the mapping and is initialised by
     * the side that creates it (the peer, with MEMFD).
     */
    private static final List<String> SYNCS = List.of("FUTEX", "SPIN", "MUTEX");
    /** The others, whose waits do not depend on the backing (a semaphore lives outside the mapping): with DISK only. */
    private static final List<String> OTHER_SYNCS = List.of("SEMAPHORE", "SPIN_THEN_FUTEX", "SYSV_SEMAPHORE");

    @Override
    protected Mechanism mechanism() {
        return new MmapMechanism();
    }

    @Override
    protected Stream<Map<String, String>> echoVariants() {
        return Stream.concat(everyBacking("1"), otherSyncs("1"));
    }

    /** Capacity 2, the smallest ring that wraps: every other message reuses a slot the mask picks. */
    @Override
    protected Stream<Map<String, String>> streamVariants() {
        return Stream.concat(everyBacking("2"), otherSyncs("2"));
    }

    /** DISK and FUTEX: a sleeping waiter, and the backing with a directory to remove after the crash. */
    @Override
    protected Map<String, String> crashVariant() {
        return Map.of("backing", "DISK", "sync", "FUTEX", "layout", "PADDED", "capacity", "1");
    }

    /** Each other sync waits its own way: spinning, on a semaphore, spinning then on the futex. */
    @Override
    protected Stream<Map<String, String>> otherWaitVariants() {
        return Stream.of("SPIN", "SEMAPHORE", "SPIN_THEN_FUTEX").map(sync -> disk(sync, "1"));
    }

    /** The throughput benchmark's 64 slots, and the layouts both benchmarks accept besides their own (-p layout=...). */
    @Override
    protected Stream<Map<String, String>> benchmarkValues() {
        Stream<Map<String, String>> layouts = Stream.of("SHARED_INDICES", "FLAG_WITH_PAYLOAD").map(layout -> {
            Map<String, String> packed = new LinkedHashMap<>(disk("FUTEX", "1"));
            packed.put("layout", layout);
            return withSize(packed, 64);
        });
        return Stream.concat(super.benchmarkValues(), Stream.concat(Stream.of(withSize(disk("FUTEX", "64"), 64)), layouts));
    }

    /** DISK keeps its file in a directory of its own, DEV_SHM its file in /dev/shm; MEMFD names nothing. */
    @Override
    protected List<String> objectRoles(Params params) {
        return switch (params.choice("backing", Backing.class)) {
            case DISK -> RingObjects.roles(params, "mmap");
            case DEV_SHM -> RingObjects.roles(params, "rings");
            case MEMFD -> RingObjects.roles(params);
        };
    }

    @Override
    protected Stream<Map.Entry<Map<String, String>, String>> invalidVariants() {
        return Stream.of(
                invalidSizes(with("size", "64")),
                invalidCapacities(MmapTest::with),
                invalidSyncAndLayout(MmapTest::with),
                Stream.of(
                        Map.entry(with("backing", "TAPE"), "choose one of DEV_SHM, DISK, MEMFD"),
                        Map.entry(without("backing"), "parameter backing is missing")))
                .flatMap(s -> s);
    }

    /** DISK directories too, which live in their own parent (/var/tmp). */
    @Override
    protected List<String> objectsOf(long pid) {
        return MmapMechanism.objectsOf(pid);
    }

    private static Stream<Map<String, String>> everyBacking(String capacity) {
        return Arrays.stream(Backing.values()).flatMap(backing -> SYNCS.stream()
                .map(sync -> Map.of("backing", backing.name(), "sync", sync, "layout", "PADDED", "capacity", capacity)));
    }

    private static Stream<Map<String, String>> otherSyncs(String capacity) {
        return OTHER_SYNCS.stream().map(sync -> disk(sync, capacity));
    }

    private static Map<String, String> disk(String sync, String capacity) {
        return Map.of("backing", "DISK", "sync", sync, "layout", "PADDED", "capacity", capacity);
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> values = new LinkedHashMap<>(Map.of("backing", "DISK", "sync", "SPIN", "layout", "PADDED", "capacity", "1", "size", "64"));
        values.put(key, value);
        return values;
    }

    private static Map<String, String> without(String key) {
        Map<String, String> values = with("size", "64");
        values.remove(key);
        return values;
    }
}
