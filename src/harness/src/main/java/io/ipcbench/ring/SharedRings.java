package io.ipcbench.ring;

import io.ipcbench.link.Link;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.Params;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.os.Pthreads;
import io.ipcbench.os.QueueMarkers;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The two rings of a memory link, benchmark to peer and back, laid out one after the other in
 * memory both processes map. The shm module maps a /dev/shm file, a System V segment or huge
 * pages, the mmap module files of other kinds; the sync strategies of {@link SyncKind}, or
 * eventfd doorbells, make the ends wait.
 */
public final class SharedRings {
    public static final int MAX_CAPACITY = 4096;
    private static final String TO_PEER = "to-peer";
    private static final String FROM_PEER = "from-peer";
    /** SYSV_SEMAPHORE's key for the semid of the trial's semaphore set. */
    private static final String SYSV_SET = "semaphores.sysv";

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

    /**
     * SEMAPHORE: each ring's two named semaphores; SYSV_SEMAPHORE: one System V set of four
     * semaphores, each ring's two by index. Created now; what is returned is for the peer. Empty
     * for the other syncs.
     */
    public Map<String, String> createSemaphores(SyncKind sync, NamedObjects names) {
        Map<String, String> created = new LinkedHashMap<>();
        if (sync == SyncKind.SEMAPHORE) {
            for (String ring : new String[] {TO_PEER, FROM_PEER}) {
                created.put(ring + ".room", names.createSemaphore(ring + "-room", capacity));
                created.put(ring + ".messages", names.createSemaphore(ring + "-messages", 0));
            }
        } else if (sync == SyncKind.SYSV_SEMAPHORE) {
            created.put(SYSV_SET, Integer.toString(QueueMarkers.createSysvSemaphores(names, "semaphores", capacity, 0, capacity, 0)));
            created.put(TO_PEER + ".room", "0");
            created.put(TO_PEER + ".messages", "1");
            created.put(FROM_PEER + ".room", "2");
            created.put(FROM_PEER + ".messages", "3");
        }
        return created;
    }

    /**
     * MUTEX only: initialises each ring's mutex and condition variables in {@code memory}, the
     * rings' memory freshly created by the caller, before the other process maps it. They are
     * never destroyed: on Linux they hold nothing outside the memory, which goes with the rings;
     * and glibc's pthread_cond_destroy waits until no waiter counts on the condition, which a
     * process killed inside pthread_cond_timedwait never stops doing: the tear-down would hang.
     */
    public void initialiseSync(SyncKind sync, MemorySegment memory) {
        if (sync == SyncKind.MUTEX) {
            for (String name : new String[] {TO_PEER, FROM_PEER}) {
                Ring ring = ring(memory, name);
                Pthreads.initSharedRobustMutex(ring.mutex);
                Pthreads.initSharedMonotonicCondition(ring.roomCondition);
                Pthreads.initSharedMonotonicCondition(ring.messagesCondition);
            }
        }
    }

    /** The same for the rings in {@code file}, which is mapped for it (MUTEX only) and unmapped. */
    public void initialiseSync(SyncKind sync, Path file) {
        initialiseSync(sync, () -> SharedMapping.ofFile(file, bytes()));
    }

    /** The same for the rings in memory that {@code map} maps for it (MUTEX only), released after. */
    public void initialiseSync(SyncKind sync, Supplier<SharedMapping> map) {
        if (sync == SyncKind.MUTEX) {
            SharedMapping mapping = map.get();
            try {
                initialiseSync(sync, mapping.memory());
            } finally {
                mapping.release().run();
            }
        }
    }

    /** Binds {@code end}'s ends of both rings, waiting as {@code sync} says; {@code semaphores} as {@link #createSemaphores} made them. */
    public Link open(SharedMapping mapping, End end, SyncKind sync, Map<String, String> semaphores, Liveness other) {
        return open(mapping, end, (ring, name) -> sync.bind(ring, other, new SyncKind.RingSemaphores(
                semaphores.get(name + ".room"), semaphores.get(name + ".messages"), semaphores.get(SYSV_SET))));
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
