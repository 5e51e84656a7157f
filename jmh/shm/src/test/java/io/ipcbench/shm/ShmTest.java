package io.ipcbench.shm;

import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Params;
import io.ipcbench.ring.RingLayout;
import io.ipcbench.ring.RingMechanismContract;
import io.ipcbench.ring.RingObjects;
import io.ipcbench.ring.SyncKind;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

class ShmTest extends RingMechanismContract {
    private static final Map<String, String> VALID = Map.of("sync", "SPIN", "layout", "PADDED", "capacity", "1");

    @Override
    protected Mechanism mechanism() {
        return new ShmMechanism();
    }

    /** Every sync strategy with every layout; capacity 1 is the handshake a round trip uses. */
    @Override
    protected Stream<Map<String, String>> echoVariants() {
        return everySyncAndLayout("1");
    }

    /** Capacity 2, the smallest ring that wraps: every other message reuses a slot the mask picks. */
    @Override
    protected Stream<Map<String, String>> streamVariants() {
        return everySyncAndLayout("2");
    }

    @Override
    protected Map<String, String> crashVariant() {
        return Map.of("sync", "FUTEX", "layout", "PADDED", "capacity", "1");
    }

    /**
     * Each other sync waits its own way: spinning, on a semaphore, spinning then on the futex, on
     * a condition variable under a robust mutex, on a System V semaphore set.
     */
    @Override
    protected Stream<Map<String, String>> otherWaitVariants() {
        return Stream.of(SyncKind.SPIN, SyncKind.SEMAPHORE, SyncKind.SPIN_THEN_FUTEX, SyncKind.MUTEX, SyncKind.SYSV_SEMAPHORE)
                .map(sync -> Map.of("sync", sync.name(), "layout", "PADDED", "capacity", "1"));
    }

    /** ShmThroughput's 64 slots, beside the benchmarks' sizes. */
    @Override
    protected Stream<Map<String, String>> benchmarkValues() {
        return Stream.concat(super.benchmarkValues(), Stream.of(withSize(Map.of("sync", "FUTEX", "layout", "PADDED", "capacity", "64"), 64)));
    }

    @Override
    protected List<String> objectRoles(Params params) {
        return RingObjects.roles(params, "rings");
    }

    @Override
    protected Stream<Map.Entry<Map<String, String>, String>> invalidVariants() {
        return Stream.of(
                invalidSizes(with("size", "64")),
                invalidCapacities(ShmTest::with),
                invalidSyncAndLayout(ShmTest::with),
                Stream.of(
                        Map.entry(with("capacity", "many"), "capacity=many is not a number"),
                        Map.entry(without("sync"), "parameter sync is missing")))
                .flatMap(s -> s);
    }

    private static Stream<Map<String, String>> everySyncAndLayout(String capacity) {
        return Arrays.stream(SyncKind.values()).flatMap(sync -> Arrays.stream(RingLayout.values())
                .map(layout -> Map.of("sync", sync.name(), "layout", layout.name(), "capacity", capacity)));
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
