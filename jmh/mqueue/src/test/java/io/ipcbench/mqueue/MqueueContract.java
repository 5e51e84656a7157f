package io.ipcbench.mqueue;

import io.ipcbench.link.Mechanism;
import io.ipcbench.link.MechanismContract;
import io.ipcbench.link.Params;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract matrix for one queue API: both waits, a small and a large depth, every size.
 * Sizes above the kernel's message limit (65537 and 1 MiB on a default kernel) must be refused,
 * naming the limit and its file; the limits are read here independently of the mechanism.
 */
abstract class MqueueContract extends MechanismContract {
    abstract QueueApi api();

    /** Depths to cover: 1 (a hand-off per message) and the largest a 4096-byte message allows on a default kernel. */
    abstract List<Integer> depths();

    /** The kernel's largest message for this API, and the file it is read from. */
    abstract long messageLimit();

    abstract String messageLimitFile();

    @Override
    protected Mechanism mechanism() {
        return new MqueueMechanism();
    }

    Map<String, String> variant(String wait, int depth) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("api", api().name());
        values.put("wait", wait);
        values.put("depth", Integer.toString(depth));
        return values;
    }

    /** Blocking at both depths; busy polling, whose spinning ends are slow to test on a shared 2-vCPU machine, at the larger one. */
    @Override
    protected Stream<Map<String, String>> echoVariants() {
        return Stream.concat(depths().stream().map(depth -> variant("BLOCKING", depth)),
                Stream.of(variant("BUSY_POLL", depths().getLast())));
    }

    @Override
    protected Stream<Map<String, String>> streamVariants() {
        return echoVariants();
    }

    /** Blocking: no descriptor reports the peer's death, so this is where a wait could hang. */
    @Override
    protected Map<String, String> crashVariant() {
        return variant("BLOCKING", 1);
    }

    /** Busy polling, which only the liveness check between tries ends. */
    @Override
    protected Stream<Map<String, String>> otherWaitVariants() {
        return Stream.of(variant("BUSY_POLL", 1));
    }

    /**
     * The benchmarks' own values, which hide the common sizes: busy polling at depth 1 and the
     * 8 KiB a default kernel allows (MqueueLatency's defaults), depth 2 (MqueueThroughput's), 1 KiB.
     */
    @Override
    protected Stream<Map<String, String>> benchmarkValues() {
        return Stream.of(withSize(variant("BUSY_POLL", 1), 8192), withSize(variant("BLOCKING", 2), 8192), withSize(variant("BLOCKING", 1), 1024));
    }

    /** Each queue behind its marker in /dev/shm, named for its direction and API. */
    @Override
    protected List<String> objectRoles(Params params) {
        String api = switch (api()) {
            case POSIX -> ".posix-mq";
            case SYSV -> ".sysv-msg";
        };
        return List.of("to-peer" + api, "from-peer" + api);
    }

    /** Every kernel carries 128-byte messages (the smallest msgsize_max it accepts): a lower limit means it was misread. */
    @Override
    protected Optional<String> refusedOnThisKernel(Map<String, String> variant, int size) {
        assertTrue(messageLimit() >= 128, "message limit read as " + messageLimit());
        if (size > messageLimit()) {
            return Optional.of("size=" + size + " is unsupported on this kernel");
        }
        return Optional.empty();
    }

    /** What every API refuses; subclasses add their kernel limits. */
    Stream<Map.Entry<Map<String, String>, String>> commonInvalid() {
        Map<String, String> valid = new LinkedHashMap<>(variant("BLOCKING", 1));
        return Stream.concat(invalidSizes(valid), Stream.of(
                Map.entry(with(valid, "api", "STREAMS"), "api=STREAMS is not allowed; choose one of POSIX, SYSV"),
                Map.entry(with(valid, "wait", "SOMETIMES"), "choose one of BLOCKING, BUSY_POLL"),
                Map.entry(with(valid, "pinning", "diagonal"), "choose one of CROSS_CORE, SAME_CORE, NONE"),
                Map.entry(with(valid, "depth", "0"), "depth is the number of messages of size bytes each queue holds, a whole number from 1 to 65536"),
                Map.entry(with(valid, "depth", "many"), "depth=many is not a number"),
                Map.entry(with(valid, "size", Long.toString(messageLimit() + 1)),
                        "carries messages of at most " + messageLimit() + " bytes (" + messageLimitFile() + ")")));
    }

    static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> values = new LinkedHashMap<>(base);
        values.put(key, value);
        values.putIfAbsent("size", "64");
        return values;
    }
}
