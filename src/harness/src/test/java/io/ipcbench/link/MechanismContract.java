package io.ipcbench.link;

import io.ipcbench.bench.OneWayBenchmark;
import io.ipcbench.bench.RoundTripBenchmark;
import io.ipcbench.os.Pinning;
import io.ipcbench.peer.PeerTraffic;
import io.ipcbench.traffic.OneWay;
import io.ipcbench.traffic.RoundTrip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Param;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every mechanism must do, against a real peer process through the real kernel object.
 * A new mechanism gets the whole matrix, and the fault matrix of {@link PeerFaultContract}, by
 * subclassing this and naming its variants.
 */
public abstract class MechanismContract extends PeerFaultContract {
    protected static final List<Integer> SIZES = List.of(64, 4096, 65537, 1 << 20);

    /**
     * The mechanism's own parameters to cover (each combined with every size), for round trips: by
     * default the patterned round trips the mechanism declares ({@link Mechanism#variants}, what
     * its soak runs); a test whose matrix crosses more (every sync with every layout, every depth)
     * overrides this.
     */
    protected Stream<Map<String, String>> echoVariants() {
        return declared(Role.ECHO);
    }

    /** The same for one-way streams. */
    protected Stream<Map<String, String>> streamVariants() {
        return declared(Role.SINK);
    }

    private Stream<Map<String, String>> declared(Role shape) {
        return mechanism().variants().stream().filter(v -> v.shape() == shape && v.payload() == Variant.Payload.PATTERNED)
                .map(Variant::params);
    }

    /** The variant of the fault matrix: preferably one whose waits block in the kernel. */
    protected abstract Map<String, String> crashVariant();

    /** Variants whose waits differ from {@link #crashVariant}'s: spinning, polling, sleeping on a semaphore. None by default. */
    protected Stream<Map<String, String>> otherWaitVariants() {
        return Stream.empty();
    }

    @Override
    protected Params faultParams() {
        return params(crashVariant(), 4096);
    }

    @Override
    protected List<Params> otherWaits() {
        return otherWaitVariants().map(variant -> params(variant, 4096)).toList();
    }

    /**
     * Values the benchmarks offer that the matrix above does not carry, each with a variant to carry
     * it at (its "size" included): by default the benchmarks' own sizes beyond {@link #SIZES}, with the
     * first variant of the round-trip matrix. A mechanism whose benchmarks offer other values (a
     * capacity, a depth, sizes of their own) adds or replaces them.
     */
    protected Stream<Map<String, String>> benchmarkValues() {
        Map<String, String> first = echoVariants().findFirst().orElseThrow();
        return baseSizes().stream().filter(size -> !SIZES.contains(size)).map(size -> withSize(first, size));
    }

    /** The sizes the two benchmark bases offer (their {@code @Param} lists), which a mechanism's benchmarks inherit unless they hide them. */
    static List<Integer> baseSizes() {
        return Stream.of(RoundTripBenchmark.class, OneWayBenchmark.class).flatMap(base -> {
            try {
                return Arrays.stream(base.getField("size").getAnnotation(Param.class).value());
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException(base + " has no size param", e);
            }
        }).map(Integer::valueOf).distinct().sorted().toList();
    }

    /** {@code variant} with "size" set to {@code size}. */
    protected static Map<String, String> withSize(Map<String, String> variant, int size) {
        Map<String, String> sized = new LinkedHashMap<>(variant);
        sized.put("size", Integer.toString(size));
        return sized;
    }

    /** The matrix (every variant at every size, the sizes this kernel refuses included: the refusal is checked) and the benchmarks' own values. */
    @Override
    public Stream<Params> exercised() {
        Stream<Params> matrix = Stream.concat(echoVariants(), streamVariants()).flatMap(v -> SIZES.stream().map(size -> params(v, size)));
        return Stream.of(super.exercised(), matrix, benchmarkValues().map(this::sized)).flatMap(s -> s);
    }

    /** Parameter sets the mechanism must refuse, each with a fragment its message must contain. */
    protected abstract Stream<Map.Entry<Map<String, String>, String>> invalidVariants();

    /**
     * Empty when this kernel can carry messages of {@code size} bytes with {@code variant};
     * otherwise a fragment the mechanism's refusal must contain (the limit, the sysctl that sets
     * it). Such sizes leave the round-trip and stream matrix, and are checked to be refused instead.
     */
    protected Optional<String> refusedOnThisKernel(Map<String, String> variant, int size) {
        return Optional.empty();
    }

    Stream<Params> echoMatrix() {
        return carried(echoVariants());
    }

    Stream<Params> streamMatrix() {
        return carried(streamVariants());
    }

    private Stream<Params> carried(Stream<Map<String, String>> variants) {
        return variants.flatMap(v -> SIZES.stream().filter(size -> refusedOnThisKernel(v, size).isEmpty()).map(size -> params(v, size)));
    }

    protected Params params(Map<String, String> variant, int size) {
        Map<String, String> values = new LinkedHashMap<>(variant);
        values.put("size", Integer.toString(size));
        values.put("verify", "true");
        return new Params(mechanism().name(), values);
    }

    /**
     * On one core (the tests' process may run on one CPU only) a side that spins hands over when its
     * time slice ends: 10,000 round trips of shm SPIN took 9 minutes there on a loaded machine.
     * Each trial then carries at most this many messages, which still wrap a ring of 3 slots 85 times.
     */
    private static final int ONE_CORE_MESSAGES = 256;
    private static final boolean ONE_CORE = Pinning.fitting() == Pinning.SAME_CORE;

    static {
        if (ONE_CORE) {
            System.out.println("MechanismContract: one core: each trial of the matrix carries at most " + ONE_CORE_MESSAGES + " messages");
        }
    }

    /** Enough messages to wrap every ring many times, few enough for 1 MiB messages to stay quick. */
    static int messagesFor(int size) {
        int messages = Math.clamp((64 << 20) / size, 64, 10_000);
        return ONE_CORE ? Math.min(messages, ONE_CORE_MESSAGES) : messages;
    }

    /**
     * Each value the benchmarks offer beyond the matrix, as a round trip and as a stream; or, where
     * this kernel cannot carry it, refused naming the limit.
     */
    @ParameterizedTest
    @MethodSource("benchmarkValues")
    void everyValueTheBenchmarksOfferIsCarriedBothWays(Map<String, String> value) {
        Params params = sized(value);
        Map<String, String> variant = new LinkedHashMap<>(value);
        variant.remove("size");
        Optional<String> limit = refusedOnThisKernel(variant, params.size());
        if (limit.isPresent()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PeerTraffic.roundTrip(mechanism(), params).close(), () -> "accepted " + params.describe());
            assertTrue(e.getMessage().contains(limit.get()), () -> "message for " + params.describe() + ": " + e.getMessage());
            System.out.println("refused on this kernel, as it must be: " + params.describe());
            return;
        }
        everyRoundTripReturnsTheSameMessage(params);
        everyStreamedMessageIsConsumedOnceInOrder(params);
    }

    private Params sized(Map<String, String> value) {
        Map<String, String> variant = new LinkedHashMap<>(value);
        int size = Integer.parseInt(variant.remove("size"));
        return params(variant, size);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("echoMatrix")
    void everyRoundTripReturnsTheSameMessage(Params params) {
        try (RoundTrip roundTrip = PeerTraffic.roundTrip(mechanism(), params)) {
            int n = messagesFor(params.size());
            for (long seq = 0; seq < n; seq++) {
                roundTrip.onceVerified(seq);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamMatrix")
    void everyStreamedMessageIsConsumedOnceInOrder(Params params) {
        try (OneWay stream = PeerTraffic.oneWay(mechanism(), params)) {
            int n = messagesFor(params.size());
            for (int i = 0; i < n; i++) {
                stream.sendVerified();
            }
            long consumed = stream.drain(true);
            long batch = stream.batch();
            assertEquals((n + batch - 1) / batch * batch, consumed, "messages the peer acknowledged");
            assertTrue(PeerTraffic.session(stream).peer().isAlive(), "the verifying peer found nothing wrong and still runs");
        }
    }

    @Test
    void invalidParametersAreRefusedBeforeAnythingIsCreated() {
        invalidVariants().forEach(bad -> {
            Params params = new Params(mechanism().name(), bad.getKey());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PeerTraffic.roundTrip(mechanism(), params), () -> "accepted " + bad.getKey());
            assertTrue(e.getMessage().contains(bad.getValue()), () -> "message for " + bad.getKey() + ": " + e.getMessage());
            assertEquals(List.of(), liveChildren(), "no peer was started for " + bad.getKey());
        });
    }

    /**
     * Every variant, at every size of the matrix and at the largest a param allows, is refused
     * naming the limit where {@link #refusedOnThisKernel} says this kernel cannot carry it, and
     * accepted by the mechanism's own check everywhere else; the matrix above carries its sizes, and
     * one verified round trip here the largest. So a mechanism that declares no limit is held to
     * taking every size up to {@link Params#MAX_SIZE}, and one that declares a limit to refusing there.
     */
    @Test
    void sizesThisKernelCannotCarryAreRefusedNamingTheLimit() {
        List<Integer> sizes = Stream.concat(SIZES.stream(), Stream.of(Params.MAX_SIZE)).toList();
        Stream.concat(echoVariants(), streamVariants()).distinct().forEach(variant -> sizes.forEach(size -> {
            Params params = params(variant, size);
            Optional<String> limit = refusedOnThisKernel(variant, size);
            if (limit.isPresent()) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> PeerTraffic.roundTrip(mechanism(), params).close(), () -> "accepted " + params.describe());
                assertTrue(e.getMessage().contains(limit.get()), () -> "message for " + params.describe() + ": " + e.getMessage());
                assertEquals(List.of(), liveChildren(), "no peer was started for " + params.describe());
            } else {
                assertDoesNotThrow(() -> mechanism().validate(params), () -> params.describe() + " is refused, yet this kernel carries it");
            }
        }));
        // one variant is enough: a JVM's first pass over 16 MiB of patterned bytes takes seconds
        echoVariants().filter(variant -> refusedOnThisKernel(variant, Params.MAX_SIZE).isEmpty()).findFirst().ifPresent(variant -> {
            try (RoundTrip roundTrip = PeerTraffic.roundTrip(mechanism(), params(variant, Params.MAX_SIZE))) {
                roundTrip.onceVerified(0);
            }
        });
    }

    /** Size values every mechanism refuses, with the text that explains the rule. */
    protected static Stream<Map.Entry<Map<String, String>, String>> invalidSizes(Map<String, String> valid) {
        return Stream.of("0", "-1", "abc", "", Long.toString(Params.MAX_SIZE + 1L), "99999999999999999999")
                .map(size -> {
                    Map<String, String> values = new LinkedHashMap<>(valid);
                    values.put("size", size);
                    String rule = size.isEmpty() ? "size is missing" : "a whole number from 1 to " + Params.MAX_SIZE;
                    return Map.entry(values, rule);
                });
    }
}
