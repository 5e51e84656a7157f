package io.ipcbench.ring;

import io.ipcbench.link.FanIn;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.Params;
import io.ipcbench.link.Waiting;

import java.lang.foreign.MemorySegment;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code rings} parameter of a shared-memory fan-in: how N producer processes share memory with
 * one consumer. Both lay everything out in one region the caller maps in every process.
 */
public enum FanInRings {
    /** One ring all producers write, each claiming its slot with an atomic increment ({@link MpscRing}). */
    MPSC,
    /** One single-producer ring per producer, polled by the consumer ({@link PolledRings}). */
    PER_PRODUCER;

    /** Slots of each ring: with MPSC, of the one ring all producers share. */
    public static final int CAPACITY = 64;
    /**
     * The syncs a fan-in ring can wait with: the futex ones wait on words in the ring's memory, which
     * both shapes can do with several producers; a semaphore pair or a mutex per ring cannot be
     * waited for across N rings at once, nor claimed into by N producers.
     */
    public static final Set<SyncKind> SYNCS = EnumSet.of(SyncKind.SPIN, SyncKind.FUTEX, SyncKind.SPIN_THEN_FUTEX);

    public static FanInRings of(Params params) {
        return params.choice("rings", FanInRings.class);
    }

    /**
     * The param naming a fan-in's sync: not {@code sync}, which a profile gives every benchmark of
     * the module, the pair's semaphore and mutex syncs included.
     */
    public static final String SYNC = "fanInSync";

    /** The trial's {@value #SYNC}, one of {@link #SYNCS}; throws naming what is allowed. */
    public static SyncKind sync(Params params) {
        SyncKind sync = params.choice(SYNC, SyncKind.class);
        if (!SYNCS.contains(sync)) {
            throw new IllegalArgumentException(params.mechanism() + ": " + SYNC + "=" + sync + " is not allowed with rings=" + of(params)
                    + ": a fan-in waits with " + SYNCS.stream().map(Enum::name).collect(Collectors.joining(", "))
                    + " (words in the rings' memory); a semaphore or mutex pair per ring cannot serve N producers");
        }
        return sync;
    }

    /** Bytes of memory for {@code producers} producers and messages of {@code size} bytes. */
    public long bytes(int producers, int size) {
        return switch (this) {
            case MPSC -> MpscRingDescriptor.regionBytes(producers, CAPACITY, size);
            case PER_PRODUCER -> PolledRings.bytes(producers, CAPACITY, size);
        };
    }

    /** Producer {@code index}'s end; {@code consumer} bounds its waits. */
    public FanIn.Sender producerEnd(MemorySegment memory, int producers, int index, int size, SyncKind sync, Liveness consumer) {
        return switch (this) {
            case MPSC -> new MpscProducer(new MpscRing(memory, producers, CAPACITY, size), index, sync, consumer);
            case PER_PRODUCER -> PolledRings.producerEnd(memory, index, CAPACITY, size, sync, consumer);
        };
    }

    /**
     * The consumer's end; {@code producers} bounds its waits and names a dead producer, {@code where}
     * names the trial in its own failures, {@code release} (the mapping's) runs when it closes.
     */
    public FanIn.Receiver consumerEnd(MemorySegment memory, int producers, int size, SyncKind sync, Liveness liveness,
                                      String where, Runnable release) {
        return switch (this) {
            case MPSC -> new MpscConsumer(new MpscRing(memory, producers, CAPACITY, size), sync, liveness, where, release);
            case PER_PRODUCER -> new PolledRings.Consumer(memory, producers, CAPACITY, size, sync, liveness, release);
        };
    }

    static boolean sleeps(SyncKind sync) {
        return sync.waiting() != Waiting.SPINS;
    }

    static long spinNanos(SyncKind sync) {
        return sync == SyncKind.SPIN_THEN_FUTEX ? SyncKind.SPIN_BUDGET_NANOS : 0;
    }
}
