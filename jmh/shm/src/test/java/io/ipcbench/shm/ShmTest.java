package io.ipcbench.shm;

import io.ipcbench.ring.RingLayout;
import io.ipcbench.ring.RingObjects;
import io.ipcbench.ring.SyncKind;
import io.ipcbench.link.Mechanism;
import io.ipcbench.link.MechanismContract;
import io.ipcbench.link.Params;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

class ShmTest extends MechanismContract {
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

    /** Each other sync waits its own way: spinning, on a semaphore, spinning then on the futex. */
    @Override
    protected Stream<Map<String, String>> otherWaitVariants() {
        return Stream.of(SyncKind.SPIN, SyncKind.SEMAPHORE, SyncKind.SPIN_THEN_FUTEX)
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

    /** A ring of 256 slots holds OneWay's window of 4096-byte messages (128). */
    @Override
    protected Optional<Params> windowHoldingParams() {
        Map<String, String> variant = new LinkedHashMap<>(crashVariant());
        variant.put("capacity", "256");
        return Optional.of(params(variant, 4096));
    }

    @Override
    protected Stream<Map.Entry<Map<String, String>, String>> invalidVariants() {
        return Stream.of(
                invalidSizes(with("size", "64")),
                Stream.of(
                        Map.entry(with("sync", "MUTEX"), "choose one of SEMAPHORE, SPIN, FUTEX, SPIN_THEN_FUTEX"),
                        Map.entry(with("layout", "DIAGONAL"), "choose one of PADDED, SHARED_INDICES, FLAG_WITH_PAYLOAD"),
                        Map.entry(with("capacity", "0"), "capacity is the number of message slots in each ring, a power of two, a whole number from 1 to 4096"),
                        Map.entry(with("capacity", "3"), "capacity=3 is not a power of two; capacity is the number of message slots in each ring, a power of two from 1 to 4096"),
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
