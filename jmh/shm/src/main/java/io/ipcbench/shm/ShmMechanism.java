package io.ipcbench.shm;

import io.ipcbench.link.ForkedPeer;
import io.ipcbench.link.Link;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Params;
import io.ipcbench.link.Variant;
import io.ipcbench.os.Libc;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.os.QueueMarkers;
import io.ipcbench.os.SysvSharedMemory;
import io.ipcbench.ring.RingLayout;
import io.ipcbench.ring.SharedMapping;
import io.ipcbench.ring.SharedRings;
import io.ipcbench.ring.SyncKind;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * Shared memory: two rings (benchmark to peer, and back) in memory both processes map, from one
 * of three {@link ShmBacking}s: a /dev/shm file, a System V segment, or a memfd of 2 MiB huge
 * pages. Parameters: {@code backing}, {@code sync} ({@link SyncKind}), {@code layout}
 * ({@link RingLayout}) and {@code capacity}, the slots per ring (1 is the single-slot handshake
 * of the classic articles). The System V segment is marked for removal once both processes have
 * attached it; the memfd has no name: the peer creates it and the benchmark side takes it with
 * pidfd_getfd(2). Neither leaves anything for a sweep once the trial runs.
 */
public final class ShmMechanism implements Mechanism {
    private static final String FILE = "shm.file";
    private static final String SEGMENT = "shm.segment";
    private static final String ATTACHED = "shm.attached";
    private static final String MEMFD = "shm.memfd";

    @Override
    public String name() {
        return "shm";
    }

    /**
     * Every sync with the PADDED layout; the other layouts, other offset tables for the same code,
     * with a spinning and a sleeping sync (SPIN_THEN_FUTEX is their two paths in turn, SEMAPHORE
     * keeps its counts outside the ring). Capacity 1 for round trips (the single-slot hand-off), 2
     * for streams (the smallest ring that wraps). All on the POSIX backing; SYSV_SHM with a
     * sleeping sync (HUGETLB needs pages reserved, which a soak cannot assume).
     */
    @Override
    public List<Variant> variants() {
        return Variant.bothShapes(Stream.concat(Stream.concat(
                Arrays.stream(SyncKind.values()).map(sync -> Map.of("sync", sync.name(), "layout", RingLayout.PADDED.name())),
                Stream.of(SyncKind.SPIN, SyncKind.FUTEX).flatMap(sync -> Arrays.stream(RingLayout.values())
                        .filter(layout -> layout != RingLayout.PADDED)
                        .map(layout -> Map.of("sync", sync.name(), "layout", layout.name())))),
                Stream.of(Map.of("backing", ShmBacking.SYSV_SHM.name(), "sync", SyncKind.FUTEX.name(), "layout", RingLayout.PADDED.name()))),
                "capacity", "1", "2");
    }

    @Override
    public void validate(Params params) {
        ShmBacking backing = ShmBacking.of(params);
        SyncKind.of(params);
        SharedRings rings = SharedRings.of(params);
        switch (backing) {
            case POSIX -> { }
            case SYSV_SHM -> SysvSharedMemory.requireWithinLimits(rings.bytes());
            case HUGETLB -> HugePages.requireAvailable(rings.bytes());
        }
    }

    @Override
    public Offer offer(Params params, NamedObjects names) {
        SharedRings rings = SharedRings.of(params);
        ShmBacking backing = ShmBacking.of(params);
        Map<String, String> forPeer = new LinkedHashMap<>();
        SyncKind sync = SyncKind.of(params);
        QueueMarkers.SysvQueue segment = switch (backing) {
            case POSIX -> {
                Path file = names.createShmFile("rings", rings.bytes());
                forPeer.put(FILE, file.toString());
                rings.initialiseSync(sync, file);
                yield null;
            }
            case SYSV_SHM -> {
                QueueMarkers.SysvQueue created = QueueMarkers.createSysvSharedMemory(names, "rings", rings.bytes());
                forPeer.put(SEGMENT, Integer.toString(created.id()));
                rings.initialiseSync(sync, () -> SharedMapping.ofSysvSegment(created.id(), rings.bytes()));
                yield created;
            }
            // the peer creates the memfd, and initialises what the sync keeps there before this side can map it
            case HUGETLB -> null;
        };
        forPeer.putAll(rings.createSemaphores(sync, names));
        return new Offer() {
            @Override
            public Map<String, String> forPeer() {
                return forPeer;
            }

            @Override
            public Link connect(ForkedPeer peer, Liveness peerLiveness) {
                SharedMapping mapping = switch (backing) {
                    case POSIX -> SharedMapping.ofFile(Path.of(forPeer.get(FILE)), rings.bytes());
                    case SYSV_SHM -> attachedByBoth(peer, segment, rings.bytes());
                    case HUGETLB -> SharedMapping.ofDescriptorClosing(Libc.duplicateFrom(peer.pid(), Integer.parseInt(peer.awaitExport(MEMFD))),
                            HugePages.roundUp(rings.bytes()));
                };
                return rings.open(mapping, SharedRings.End.BENCHMARK, sync, forPeer, peerLiveness);
            }
        };
    }

    @Override
    public Link attach(Params params, Map<String, String> offered, Liveness benchmark, BiConsumer<String, String> export) {
        SharedRings rings = SharedRings.of(params);
        SyncKind sync = SyncKind.of(params);
        SharedMapping mapping = switch (ShmBacking.of(params)) {
            case POSIX -> SharedMapping.ofFile(Path.of(offered.get(FILE)), rings.bytes());
            case SYSV_SHM -> {
                SharedMapping attached = SharedMapping.ofSysvSegment(Integer.parseInt(offered.get(SEGMENT)), rings.bytes());
                export.accept(ATTACHED, "yes");
                yield attached;
            }
            case HUGETLB -> {
                HugePages.Memfd created = HugePages.createMapped(rings.bytes());
                rings.initialiseSync(sync, created.mapping().memory());
                export.accept(MEMFD, Integer.toString(created.fd()));
                yield created.mapping();
            }
        };
        return rings.open(mapping, SharedRings.End.PEER, sync, offered, benchmark);
    }

    /**
     * Attaches the segment once the peer has, then marks it for removal: from here on it has no
     * key, and the kernel frees it when the second of the two processes detaches, however it ends.
     */
    private static SharedMapping attachedByBoth(ForkedPeer peer, QueueMarkers.SysvQueue segment, long bytes) {
        peer.awaitExport(ATTACHED);
        SharedMapping mapping = SharedMapping.ofSysvSegment(segment.id(), bytes);
        segment.remove().run();
        return mapping;
    }

    /**
     * Both ends of the rings in this process, over one mapping of the POSIX backing's file
     * {@link #offer} created: the benchmark's (closing it unmaps) and the peer's (which releases
     * nothing of its own), for two threads of one JVM (the cacheline floors). {@code ofPeer} bounds the benchmark end's
     * waits, {@code ofBenchmark} the peer end's.
     */
    public static Ends openBothEnds(Params params, Map<String, String> offered, Liveness ofPeer, Liveness ofBenchmark) {
        SharedRings rings = SharedRings.of(params);
        SyncKind sync = params.choice("sync", SyncKind.class);
        SharedMapping mapping = SharedMapping.ofFile(Path.of(offered.get(FILE)), rings.bytes());
        Link peer = null;
        try {
            peer = rings.open(new SharedMapping(mapping.memory(), () -> {}), SharedRings.End.PEER, sync, offered, ofBenchmark);
            return new Ends(rings.open(mapping, SharedRings.End.BENCHMARK, sync, offered, ofPeer), peer);
        } catch (RuntimeException | Error e) {
            if (peer != null) {
                peer.close();
            }
            mapping.release().run();
            throw e;
        }
    }

    /** The two ends of {@link #openBothEnds}: closing closes the peer's end, then the benchmark's, which unmaps. */
    public record Ends(Link benchmark, Link peer) implements AutoCloseable {
        @Override
        public void close() {
            peer.close();
            benchmark.close();
        }
    }
}
