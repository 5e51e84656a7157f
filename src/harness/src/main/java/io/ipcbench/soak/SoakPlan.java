package io.ipcbench.soak;

import io.ipcbench.eventfd.EventfdMechanism;
import io.ipcbench.fifo.FifoMechanism;
import io.ipcbench.link.FdWait;
import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Role;
import io.ipcbench.mmap.Backing;
import io.ipcbench.mmap.MmapMechanism;
import io.ipcbench.mqueue.MqueueMechanism;
import io.ipcbench.mqueue.QueueApi;
import io.ipcbench.os.Pinning;
import io.ipcbench.pipe.PipeMechanism;
import io.ipcbench.shm.RingLayout;
import io.ipcbench.shm.ShmMechanism;
import io.ipcbench.shm.SyncKind;
import io.ipcbench.signal.SignalKind;
import io.ipcbench.signal.SignalMechanism;
import io.ipcbench.tcp.TcpMechanism;
import io.ipcbench.uds.SocketType;
import io.ipcbench.uds.UdsMechanism;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What the soak runs for one mechanism: every variant whose data path differs (each shm sync, each
 * wait, each socket type, both queue APIs, both signal kinds, each mmap backing), each as round
 * trips and as a one-way stream. The other shm layouts, other offset tables for the same code,
 * run with a spinning and a sleeping sync (SPIN_THEN_FUTEX is their two paths in turn, SEMAPHORE
 * keeps its counts outside the ring); mmap runs FUTEX, the rings being shm's. Capacity and depth
 * are 1 for round trips (the single-slot hand-off) and 2 for streams (the smallest ring that
 * wraps, a queue that holds more than one message).
 */
public record SoakPlan(Mechanism mechanism, List<Variant> variants) {
    /** Round trips and one-message-in-flight streams cost a wake-up per message: they get this share of a stream's messages. */
    static final double ONE_IN_FLIGHT_WEIGHT = 1.0 / 64;
    /**
     * A side that spins (shm SPIN and SPIN_THEN_FUTEX, wait=BUSY_POLL) competes for a CPU with its
     * peer and everything else: on a loaded 2-vCPU machine it moves a fraction of what a blocking
     * side moves, so its variants get this share of the messages of a blocking one.
     */
    static final double SPINNING_WEIGHT = 1.0 / 4;
    /**
     * On one core (a process that may run on one CPU only, whose trials pin same-core) a side that
     * only spins (SPIN, BUSY_POLL) hands over when its time slice ends, not when its message is
     * ready: about 25 ms a hand-off on a loaded machine, where a blocking one takes tens of
     * microseconds. Its variants get this share of a blocking one's messages there instead.
     */
    static final double ONE_CORE_SPINNING_WEIGHT = 1.0 / 1024;

    /**
     * What a variant's messages carry, and so how they are checked.
     * PATTERNED: sizes from the schedule, a sequence number and a per-byte pattern checked on
     * both sides. COUNTER: the eventfd counter's 8 bytes, always the value 1, which the link
     * checks each way (a ping-pong: it cannot carry a stream). NONE: a signal, no size; a realtime
     * one carries a sequence number its receiver checks, a standard one is counted.
     */
    public enum Payload { PATTERNED, COUNTER, NONE }

    /** One variant in one shape; {@code weight} is its share of the mechanism's messages relative to a stream's. */
    public record Variant(Role shape, Map<String, String> params, Payload payload, double weight) {
        public String label() {
            return (shape == Role.ECHO ? "round trips" : "stream") + (params.isEmpty() ? "" : " " + String.join(" ",
                    new TreeMap<>(params).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
    }

    private static final Map<String, Supplier<SoakPlan>> PLANS = plans();

    /** The mechanisms with a plan: every one that runs between two processes (not the in-process cacheline floors). */
    public static List<String> mechanisms() {
        return List.copyOf(PLANS.keySet());
    }

    public static SoakPlan of(String mechanism) {
        Supplier<SoakPlan> plan = PLANS.get(mechanism);
        if (plan == null) {
            throw new IllegalArgumentException("no soak for mechanism '" + mechanism + "'; mechanisms: " + String.join(", ", mechanisms()));
        }
        return plan.get();
    }

    public String name() {
        return mechanism.name();
    }

    private static Map<String, Supplier<SoakPlan>> plans() {
        Map<String, Supplier<SoakPlan>> plans = new LinkedHashMap<>();
        plans.put("shm", () -> new SoakPlan(new ShmMechanism(), rings(Stream.concat(
                Arrays.stream(SyncKind.values()).map(sync -> Map.of("sync", sync.name(), "layout", RingLayout.PADDED.name())),
                Stream.of(SyncKind.SPIN, SyncKind.FUTEX).flatMap(sync -> Arrays.stream(RingLayout.values())
                        .filter(layout -> layout != RingLayout.PADDED)
                        .map(layout -> Map.of("sync", sync.name(), "layout", layout.name())))))));
        plans.put("pipe", () -> new SoakPlan(new PipeMechanism(), bothShapes(waits())));
        plans.put("fifo", () -> new SoakPlan(new FifoMechanism(), bothShapes(waits())));
        plans.put("uds", () -> new SoakPlan(new UdsMechanism(), bothShapes(Arrays.stream(SocketType.values()).flatMap(type ->
                waits().map(wait -> with(wait, "type", type.name()))))));
        plans.put("tcp", () -> new SoakPlan(new TcpMechanism(), bothShapes(Stream.of(
                Map.of("nodelay", "true", "wait", "BLOCKING"), Map.of("nodelay", "false", "wait", "BLOCKING"),
                Map.of("nodelay", "true", "wait", "BUSY_POLL")))));
        plans.put("mqueue", () -> new SoakPlan(new MqueueMechanism(), bothShapes(Arrays.stream(QueueApi.values()).flatMap(api ->
                waits().map(wait -> with(wait, "api", api.name()))), "depth", "1", "2")));
        plans.put("eventfd", () -> new SoakPlan(new EventfdMechanism(), eventfd()));
        plans.put("signal", () -> new SoakPlan(new SignalMechanism(), signals()));
        plans.put("mmap", () -> new SoakPlan(new MmapMechanism(), rings(Arrays.stream(Backing.values()).map(backing ->
                Map.of("backing", backing.name(), "sync", SyncKind.FUTEX.name(), "layout", RingLayout.PADDED.name())))));
        return plans;
    }

    private static Stream<Map<String, String>> waits() {
        return Arrays.stream(FdWait.values()).map(wait -> Map.of("wait", wait.name()));
    }

    private static List<Variant> rings(Stream<Map<String, String>> variants) {
        return bothShapes(variants, "capacity", "1", "2");
    }

    private static List<Variant> bothShapes(Stream<Map<String, String>> variants) {
        List<Variant> both = new ArrayList<>();
        variants.forEach(params -> {
            both.add(new Variant(Role.ECHO, params, Payload.PATTERNED, ONE_IN_FLIGHT_WEIGHT * waiting(params)));
            both.add(new Variant(Role.SINK, params, Payload.PATTERNED, waiting(params)));
        });
        return both;
    }

    /** Both shapes, {@code key} set to {@code forRoundTrips} in one and {@code forStreams} in the other. */
    private static List<Variant> bothShapes(Stream<Map<String, String>> variants, String key, String forRoundTrips, String forStreams) {
        List<Variant> both = new ArrayList<>();
        variants.forEach(params -> {
            both.add(new Variant(Role.ECHO, with(params, key, forRoundTrips), Payload.PATTERNED, ONE_IN_FLIGHT_WEIGHT * waiting(params)));
            both.add(new Variant(Role.SINK, with(params, key, forStreams), Payload.PATTERNED, waiting(params)));
        });
        return both;
    }

    /** Rings woken through eventfds (blocking, busy-polling, spinning first), and the counter, which carries round trips only. */
    private static List<Variant> eventfd() {
        List<Variant> variants = new ArrayList<>(bothShapes(Stream.of(Map.of("shape", "RING", "wait", "BLOCKING"),
                Map.of("shape", "RING", "wait", "BUSY_POLL"), Map.of("shape", "RING", "wait", "BLOCKING", "spin", "50")),
                "capacity", "1", "2"));
        waits().forEach(wait -> variants.add(new Variant(Role.ECHO, with(wait, "shape", "COUNTER"), Payload.COUNTER,
                ONE_IN_FLIGHT_WEIGHT * waiting(wait))));
        return variants;
    }

    /** Standard signals merge, so their stream holds one in flight: it is weighted as round trips are. */
    private static List<Variant> signals() {
        List<Variant> variants = new ArrayList<>();
        for (SignalKind kind : SignalKind.values()) {
            Map<String, String> params = Map.of("kind", kind.name());
            variants.add(new Variant(Role.ECHO, params, Payload.NONE, ONE_IN_FLIGHT_WEIGHT));
            variants.add(new Variant(Role.SINK, params, Payload.NONE, kind == SignalKind.STANDARD ? ONE_IN_FLIGHT_WEIGHT : 1));
        }
        return variants;
    }

    /**
     * The weight factor of how {@code params} wait: {@link #SPINNING_WEIGHT} for a spinning side,
     * {@link #ONE_CORE_SPINNING_WEIGHT} for one that only spins on one core, else 1.
     */
    private static double waiting(Map<String, String> params) {
        boolean onlySpins = "BUSY_POLL".equals(params.get("wait")) || SyncKind.SPIN.name().equals(params.get("sync"));
        if (onlySpins && Pinning.fitting() == Pinning.SAME_CORE) {
            return ONE_CORE_SPINNING_WEIGHT;
        }
        return onlySpins || SyncKind.SPIN_THEN_FUTEX.name().equals(params.get("sync")) ? SPINNING_WEIGHT : 1;
    }

    private static Map<String, String> with(Map<String, String> params, String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(params);
        more.put(key, value);
        return more;
    }
}
