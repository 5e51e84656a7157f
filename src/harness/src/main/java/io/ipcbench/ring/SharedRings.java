package io.ipcbench.ring;

import io.ipcbench.link.Link;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.Params;
import io.ipcbench.os.NamedObjects;

import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The two rings of a memory link, benchmark to peer and back, laid out one after the other in
 * memory both processes map. The shm module maps a /dev/shm file, the mmap module other
 * backings; the sync strategies of {@link SyncKind}, or eventfd doorbells, make the ends wait.
 */
public final class SharedRings {
    public static final int MAX_CAPACITY = 4096;
    private static final String TO_PEER = "to-peer";
    private static final String FROM_PEER = "from-peer";

    /** Which process's ends to bind: the benchmark produces into the first ring, the peer into the second. */
    public enum End { BENCHMARK, PEER }

    private final RingLayout layout;
    private final int capacity;
    private final int size;
    private final long region;

    public SharedRings(RingLayout layout, int capacity, int size) {
        this.layout = layout;
        this.capacity = capacity;
        this.size = size;
        this.region = layout.regionBytes(capacity, size);
    }

    /** The trial's rings: its {@code layout}, {@code capacity} and {@code size}; throws naming a bad one. */
    public static SharedRings of(Params params) {
        return new SharedRings(params.choice("layout", RingLayout.class), capacity(params), params.size());
    }

    /** The trial's {@code capacity}: a power of two, so that a ring picks its slot with a mask (see {@link Ring#slotOffset}). */
    public static int capacity(Params params) {
        String meaning = "the number of message slots in each ring, a power of two";
        int capacity = params.intIn("capacity", 1, MAX_CAPACITY, meaning);
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException(params.mechanism() + ": capacity=" + capacity + " is not a power of two; capacity is "
                    + meaning + " from 1 to " + MAX_CAPACITY + " (1, 2, 4, 8 ... " + MAX_CAPACITY + ")");
        }
        return capacity;
    }

    /** Bytes of memory both rings need. */
    public long bytes() {
        return 2 * region;
    }

    /** SEMAPHORE only: each ring's two semaphores, created now; the names are for the peer. Empty otherwise. */
    public Map<String, String> createSemaphores(SyncKind sync, NamedObjects names) {
        Map<String, String> created = new LinkedHashMap<>();
        if (sync == SyncKind.SEMAPHORE) {
            for (String ring : new String[] {TO_PEER, FROM_PEER}) {
                created.put(ring + ".room", names.createSemaphore(ring + "-room", capacity));
                created.put(ring + ".messages", names.createSemaphore(ring + "-messages", 0));
            }
        }
        return created;
    }

    /** Binds {@code end}'s ends of both rings, waiting as {@code sync} says; {@code semaphores} as {@link #createSemaphores} made them. */
    public Link open(SharedMapping mapping, End end, SyncKind sync, Map<String, String> semaphores, Liveness other) {
        return open(mapping, end, (ring, name) -> sync.bind(ring, other,
                new SyncKind.RingSemaphores(semaphores.get(name + ".room"), semaphores.get(name + ".messages"))));
    }

    /** Binds {@code end}'s ends of both rings, sleeping on eventfd doorbells. */
    public Link open(SharedMapping mapping, End end, Doorbells doorbells, Liveness other) {
        return open(mapping, end, (ring, name) -> new EventfdSync(ring, other, doorbells));
    }

    /**
     * The benchmark's end of rings whose ends sleep has both processes' wake calls and sleeps
     * counted ({@link SyncCounts}) until it closes; only that end, so that two ends in one JVM
     * (the in-process floors) count once.
     */
    Link open(SharedMapping mapping, End end, RingBinder bind) {
        String out = end == End.BENCHMARK ? TO_PEER : FROM_PEER;
        String in = end == End.BENCHMARK ? FROM_PEER : TO_PEER;
        Ring outRing = ring(mapping.memory(), out);
        Ring inRing = ring(mapping.memory(), in);
        Sync outSync = bind.bind(outRing, out);
        Sync inSync = bind.bind(inRing, in);
        SharedMapping counted = end == End.BENCHMARK && outSync.sleeps()
                ? mapping.releasingFirst(SyncCounts.count(outRing, inRing)) : mapping;
        return new RingLink(counted.release(), outRing, outSync, inRing, inSync);
    }

    private Ring ring(MemorySegment memory, String name) {
        return new Ring(memory.asSlice(name.equals(TO_PEER) ? 0 : region, region), layout, capacity, size);
    }

    /** The sync strategy for one ring, by the ring's name. */
    interface RingBinder {
        Sync bind(Ring ring, String name);
    }
}
