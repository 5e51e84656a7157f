package io.ipcbench.soak;

import io.ipcbench.link.FdWait;
import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Variant;
import io.ipcbench.link.Waiting;
import io.ipcbench.os.Pinning;
import io.ipcbench.ring.SyncKind;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * What the soak runs for one mechanism: every variant it declares ({@link Mechanism#variants}),
 * each sharing the mechanism's messages by weight. The mechanisms are those on the class path
 * ({@link ServiceLoader}): a module's benchmarks.jar holds its own.
 */
public record SoakPlan(Mechanism mechanism) {
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

    /** The names of the mechanisms on the class path, in the order they are found. */
    public static List<String> mechanisms() {
        return ServiceLoader.load(Mechanism.class).stream().map(provider -> provider.get().name()).toList();
    }

    public static SoakPlan of(String mechanism) {
        return ServiceLoader.load(Mechanism.class).stream().map(ServiceLoader.Provider::get)
                .filter(found -> found.name().equals(mechanism)).findFirst().map(SoakPlan::new)
                .orElseThrow(() -> new IllegalArgumentException("no soak for mechanism '" + mechanism + "'; mechanisms here: "
                        + String.join(", ", mechanisms())));
    }

    public String name() {
        return mechanism.name();
    }

    public List<Variant> variants() {
        return mechanism.variants();
    }

    /** {@code variant}'s share of the mechanism's messages, relative to a blocking stream's. */
    static double weight(Variant variant) {
        return (variant.oneInFlight() ? ONE_IN_FLIGHT_WEIGHT : 1) * waiting(variant.params());
    }

    /**
     * The weight factor of how {@code params} wait, asked of their strategy ({@code wait} or
     * {@code sync}): {@link #SPINNING_WEIGHT} for a side that spins, {@link #ONE_CORE_SPINNING_WEIGHT}
     * for one that only spins on one core, else 1.
     */
    private static double waiting(Map<String, String> params) {
        Waiting waiting = params.containsKey("wait") ? FdWait.valueOf(params.get("wait")).waiting()
                : params.containsKey("sync") ? SyncKind.valueOf(params.get("sync")).waiting() : Waiting.SLEEPS;
        return switch (waiting) {
            case SPINS -> Pinning.fitting() == Pinning.SAME_CORE ? ONE_CORE_SPINNING_WEIGHT : SPINNING_WEIGHT;
            case SPINS_THEN_SLEEPS -> SPINNING_WEIGHT;
            case SLEEPS -> 1;
        };
    }
}
