package io.ipcbench.mmap;

import io.ipcbench.link.Mechanism;
import io.ipcbench.link.MechanismContract;
import io.ipcbench.link.Params;
import io.ipcbench.os.NamedObjects;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

class MappedFileTest extends MechanismContract {
    /** The sync strategies are shm's, tested there with every layout; here one spinning and one sleeping one per backing. */
    private static final List<String> SYNCS = List.of("SPIN", "FUTEX");

    @Override
    protected Mechanism mechanism() {
        return new MappedFile();
    }

    @Override
    protected Stream<Map<String, String>> echoVariants() {
        return everyBacking("1");
    }

    /** Capacity 2, the smallest ring that wraps: every other message reuses a slot the mask picks. */
    @Override
    protected Stream<Map<String, String>> streamVariants() {
        return everyBacking("2");
    }

    /** DISK and FUTEX: a sleeping waiter, and the backing with a directory to remove after the crash. */
    @Override
    protected Map<String, String> crashVariant() {
        return Map.of("backing", "DISK", "sync", "FUTEX", "layout", "PADDED", "capacity", "1");
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
                        Map.entry(with("backing", "TAPE"), "choose one of DEV_SHM, DISK, MEMFD"),
                        Map.entry(with("sync", "MUTEX"), "choose one of SEMAPHORE, SPIN, FUTEX, SPIN_THEN_FUTEX"),
                        Map.entry(with("layout", "DIAGONAL"), "choose one of PADDED, SHARED_LINE"),
                        Map.entry(with("capacity", "0"), "capacity is the number of message slots in each ring, a power of two, a whole number from 1 to 4096"),
                        Map.entry(with("capacity", "3"), "capacity=3 is not a power of two; capacity is the number of message slots in each ring, a power of two from 1 to 4096"),
                        Map.entry(without("backing"), "parameter backing is missing")))
                .flatMap(s -> s);
    }

    /** DISK directories too, which live in their own parent (/var/tmp). */
    @Override
    protected List<String> objectsOf(long pid) {
        return Stream.concat(NamedObjects.presentFor(pid).stream(), NamedObjects.presentFor(pid, DiskFile.parent()).stream()).toList();
    }

    private static Stream<Map<String, String>> everyBacking(String capacity) {
        return Arrays.stream(Backing.values()).flatMap(backing -> SYNCS.stream()
                .map(sync -> Map.of("backing", backing.name(), "sync", sync, "layout", "PADDED", "capacity", capacity)));
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
