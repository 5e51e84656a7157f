package io.ipcbench.shm;

import io.ipcbench.link.ForkedPeer;
import io.ipcbench.link.Link;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Params;
import io.ipcbench.link.Variant;
import io.ipcbench.os.NamedObjects;
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
 * Shared memory: one /dev/shm file mapped by both processes, holding two rings (benchmark to
 * peer, and back). Parameters: {@code sync} ({@link SyncKind}), {@code layout}
 * ({@link RingLayout}) and {@code capacity}, the slots per ring (1 is the single-slot handshake
 * of the classic articles).
 */
public final class ShmMechanism implements Mechanism {
    private static final String FILE = "shm.file";

    @Override
    public String name() {
        return "shm";
    }

    /**
     * Every sync with the PADDED layout; the other layouts, other offset tables for the same code,
     * with a spinning and a sleeping sync (SPIN_THEN_FUTEX is their two paths in turn, SEMAPHORE
     * keeps its counts outside the ring). Capacity 1 for round trips (the single-slot hand-off), 2
     * for streams (the smallest ring that wraps).
     */
    @Override
    public List<Variant> variants() {
        return Variant.bothShapes(Stream.concat(
                Arrays.stream(SyncKind.values()).map(sync -> Map.of("sync", sync.name(), "layout", RingLayout.PADDED.name())),
                Stream.of(SyncKind.SPIN, SyncKind.FUTEX).flatMap(sync -> Arrays.stream(RingLayout.values())
                        .filter(layout -> layout != RingLayout.PADDED)
                        .map(layout -> Map.of("sync", sync.name(), "layout", layout.name())))), "capacity", "1", "2");
    }

    @Override
    public void validate(Params params) {
        SyncKind.of(params);
        SharedRings.of(params);
    }

    @Override
    public Offer offer(Params params, NamedObjects names) {
        SharedRings rings = SharedRings.of(params);
        Map<String, String> forPeer = new LinkedHashMap<>();
        SyncKind sync = SyncKind.of(params);
        Path file = names.createShmFile("rings", rings.bytes());
        forPeer.put(FILE, file.toString());
        rings.initialiseSync(sync, file);
        forPeer.putAll(rings.createSemaphores(sync, names));
        return new Offer() {
            @Override
            public Map<String, String> forPeer() {
                return forPeer;
            }

            @Override
            public Link connect(ForkedPeer peer, Liveness peerLiveness) {
                return open(params, forPeer, peerLiveness, SharedRings.End.BENCHMARK);
            }
        };
    }

    @Override
    public Link attach(Params params, Map<String, String> offered, Liveness benchmark, BiConsumer<String, String> export) {
        return open(params, offered, benchmark, SharedRings.End.PEER);
    }

    /**
     * Both ends of the rings in this process, over one mapping of the file {@link #offer} created:
     * the benchmark's (closing it unmaps) and the peer's (which releases nothing of its own), for
     * two threads of one JVM (the cacheline floors). {@code ofPeer} bounds the benchmark end's
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

    private static Link open(Params params, Map<String, String> names, Liveness other, SharedRings.End end) {
        SharedRings rings = SharedRings.of(params);
        SharedMapping mapping = SharedMapping.ofFile(Path.of(names.get(FILE)), rings.bytes());
        return rings.open(mapping, end, params.choice("sync", SyncKind.class), names, other);
    }
}
