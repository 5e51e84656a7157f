package io.ipcbench.ring;

import io.ipcbench.link.MechanismContract;
import io.ipcbench.link.Params;
import io.ipcbench.link.Variant;

import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * The contract of a mechanism whose messages move through the shared rings (shm, mmap, the
 * eventfd ring): {@link MechanismContract}'s, with what every ring adds: a capacity that holds
 * OneWay's window, and the values every ring refuses.
 */
public abstract class RingMechanismContract extends MechanismContract {
    /** A ring of 256 slots holds OneWay's window of 4096-byte messages (128). */
    @Override
    protected Optional<Params> windowHoldingParams() {
        return Optional.of(params(Variant.with(crashVariant(), "capacity", "256"), 4096));
    }

    /**
     * The capacities every ring refuses, with the refusal: {@code with} gives a valid variant of
     * the mechanism with one key set to a value.
     */
    protected static Stream<Map.Entry<Map<String, String>, String>> invalidCapacities(BiFunction<String, String, Map<String, String>> with) {
        return Stream.of(
                Map.entry(with.apply("capacity", "0"), "capacity is the number of message slots in each ring, a power of two, a whole number from 1 to 4096"),
                Map.entry(with.apply("capacity", "3"), "capacity=3 is not a power of two; capacity is the number of message slots in each ring, a power of two from 1 to 4096"));
    }

    /** The sync and layout names no ring knows, with the refusal: {@code with} as above. */
    protected static Stream<Map.Entry<Map<String, String>, String>> invalidSyncAndLayout(BiFunction<String, String, Map<String, String>> with) {
        return Stream.of(
                Map.entry(with.apply("sync", "SPINLOCK"), "choose one of SPIN, FUTEX, SPIN_THEN_FUTEX, SEMAPHORE, MUTEX, SYSV_SEMAPHORE"),
                Map.entry(with.apply("layout", "DIAGONAL"), "choose one of PADDED, SHARED_INDICES, FLAG_WITH_PAYLOAD"));
    }
}
