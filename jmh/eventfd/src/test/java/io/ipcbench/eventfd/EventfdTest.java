package io.ipcbench.eventfd;

import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Params;
import io.ipcbench.ring.RingMechanismContract;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

class EventfdTest extends RingMechanismContract {
    @Override
    protected Mechanism mechanism() {
        return new EventfdMechanism();
    }

    /** RING with both waits, and with a spin phase; COUNTER, which must refuse every size but 8. */
    @Override
    protected Stream<Map<String, String>> echoVariants() {
        return Stream.concat(rings("1"), counters());
    }

    /** Capacity 2, the smallest ring that wraps: every other message reuses a slot the mask picks. */
    @Override
    protected Stream<Map<String, String>> streamVariants() {
        return Stream.concat(rings("2"), counters());
    }

    /** The sizes of the matrix are not 8: COUNTER must refuse them, naming the rule. */
    @Override
    protected Optional<String> refusedOnThisKernel(Map<String, String> variant, int size) {
        return variant.get("shape").equals("COUNTER") && size != EventfdMechanism.COUNTER_BYTES
                ? Optional.of("so size must be 8; shape=RING carries other sizes") : Optional.empty();
    }

    /** Blocking: a benchmark asleep in read(2) on an eventfd sees no end of file when the peer dies. */
    @Override
    protected Map<String, String> crashVariant() {
        return Map.of("shape", "RING", "wait", "BLOCKING", "capacity", "1", "spin", "0");
    }

    /**
     * Busy polling the ring, which only the liveness check between tries ends. A spin phase
     * (spin=50) then reads the eventfd as blocking does; COUNTER's waits are EventfdCounterTest's.
     */
    @Override
    protected Stream<Map<String, String>> otherWaitVariants() {
        return Stream.of(Map.of("shape", "RING", "wait", "BUSY_POLL", "capacity", "1", "spin", "0"));
    }

    /** EventfdThroughput's 64 slots, beside the benchmarks' sizes. */
    @Override
    protected Stream<Map<String, String>> benchmarkValues() {
        Map<String, String> wide = Map.of("shape", "RING", "wait", "BLOCKING", "capacity", "64", "spin", "0");
        return Stream.concat(super.benchmarkValues(), Stream.of(withSize(wide, 64)));
    }

    /** COUNTER, which EventfdCounterTest carries: its one message is the counter, not a verified pattern. */
    @Override
    public Stream<Params> exercised() {
        return Stream.concat(super.exercised(), EventfdCounterTest.counters());
    }

    @Override
    protected List<String> objectRoles(Params params) {
        return params.choice("shape", Shape.class) == Shape.RING ? List.of("rings") : List.of();
    }

    @Override
    protected Stream<Map.Entry<Map<String, String>, String>> invalidVariants() {
        return Stream.of(
                invalidSizes(with("size", "64")),
                invalidCapacities(EventfdTest::with),
                Stream.of(
                        Map.entry(with("shape", "TRIANGLE"), "choose one of COUNTER, RING"),
                        Map.entry(with("wait", "SOMETIMES"), "choose one of BLOCKING, BUSY_POLL"),
                        Map.entry(with("spin", "5000"), "spin is the microseconds a waiter spins on the ring before it reads its eventfd, a whole number from 0 to 1000"),
                        Map.entry(counter("64"), "eventfd: size=64 is not possible with shape=COUNTER"),
                        Map.entry(counter("16"), "so size must be 8"),
                        Map.entry(without("shape"), "parameter shape is missing")))
                .flatMap(s -> s);
    }

    /** spin=0 as the benchmarks give it: read the eventfd at once. */
    private static Stream<Map<String, String>> rings(String capacity) {
        return Stream.of(
                Map.of("shape", "RING", "wait", "BLOCKING", "capacity", capacity, "spin", "0"),
                Map.of("shape", "RING", "wait", "BUSY_POLL", "capacity", capacity, "spin", "0"),
                Map.of("shape", "RING", "wait", "BLOCKING", "capacity", capacity, "spin", "50"));
    }

    private static Stream<Map<String, String>> counters() {
        return Stream.of(Map.of("shape", "COUNTER", "wait", "BLOCKING"), Map.of("shape", "COUNTER", "wait", "BUSY_POLL"));
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> values = new LinkedHashMap<>(Map.of("shape", "RING", "wait", "BLOCKING", "capacity", "1", "size", "64"));
        values.put(key, value);
        return values;
    }

    private static Map<String, String> counter(String size) {
        return Map.of("shape", "COUNTER", "wait", "BLOCKING", "size", size);
    }

    private static Map<String, String> without(String key) {
        Map<String, String> values = with("size", "64");
        values.remove(key);
        return values;
    }
}
