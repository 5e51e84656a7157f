package io.ipcbench.shm;

import io.ipcbench.link.Link;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Params;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.peer.PeerProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Shared memory: one /dev/shm file mapped by both processes, holding two rings (benchmark to
 * peer, and back). Parameters: {@code sync} ({@link SyncKind}), {@code layout}
 * ({@link RingLayout}) and {@code capacity}, the slots per ring (1 is the single-slot handshake
 * of the classic articles).
 */
public final class SharedMemory implements Mechanism {
    public static final int MAX_CAPACITY = 4096;
    private static final String FILE = "shm.file";
    private static final String TO_PEER = "to-peer";
    private static final String FROM_PEER = "from-peer";

    @Override
    public String name() {
        return "shm";
    }

    @Override
    public void validate(Params params) {
        params.choice("sync", SyncKind.class);
        params.choice("layout", RingLayout.class);
        capacity(params);
    }

    private static int capacity(Params params) {
        return params.intIn("capacity", 1, MAX_CAPACITY, "the number of message slots in each ring");
    }

    @Override
    public Offer offer(Params params, NamedObjects names) {
        int capacity = capacity(params);
        long region = params.choice("layout", RingLayout.class).regionBytes(capacity, params.size());
        Map<String, String> forPeer = new LinkedHashMap<>();
        forPeer.put(FILE, names.createShmFile("rings", 2 * region).toString());
        if (params.choice("sync", SyncKind.class) == SyncKind.SEMAPHORE) {
            for (String ring : new String[] {TO_PEER, FROM_PEER}) {
                forPeer.put(ring + ".room", names.createSemaphore(ring + "-room", capacity));
                forPeer.put(ring + ".messages", names.createSemaphore(ring + "-messages", 0));
            }
        }
        return new Offer() {
            @Override
            public Map<String, String> forPeer() {
                return forPeer;
            }

            @Override
            public ShmLink connect(PeerProcess peer, Liveness peerLiveness) {
                return open(params, forPeer, peerLiveness, TO_PEER, FROM_PEER);
            }
        };
    }

    @Override
    public ShmLink attach(Params params, Map<String, String> offered, Liveness benchmark, BiConsumer<String, String> export) {
        return open(params, offered, benchmark, FROM_PEER, TO_PEER);
    }

    /**
     * Both ends of the two rings over one mapping of the offered file, for two threads of one
     * process: the in-process floor runs the very {@link Ring}, {@link RingLayout} and
     * {@link Sync} code two processes run. {@code ofPeer} bounds the benchmark end's waits,
     * {@code ofBenchmark} the peer end's.
     */
    public static Ends openBothEnds(Params params, Map<String, String> offered, Liveness ofPeer, Liveness ofBenchmark) {
        Arena mapping = Arena.ofShared();
        MemorySegment memory = map(params, offered, mapping);
        ShmLink peer = null;
        try {
            peer = bind(params, offered, memory, () -> {}, ofBenchmark, FROM_PEER, TO_PEER);
            return new Ends(bind(params, offered, memory, mapping::close, ofPeer, TO_PEER, FROM_PEER), peer);
        } catch (RuntimeException | Error e) {
            if (peer != null) {
                peer.close();
            }
            mapping.close();
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

    /** Maps the file and binds this process's ends: it produces into ring {@code out} and consumes from ring {@code in}. */
    private static ShmLink open(Params params, Map<String, String> names, Liveness other, String out, String in) {
        Arena mapping = Arena.ofShared();
        return bind(params, names, map(params, names, mapping), mapping::close, other, out, in);
    }

    /** Maps both rings of the file for the life of {@code mapping}. */
    private static MemorySegment map(Params params, Map<String, String> names, Arena mapping) {
        long region = params.choice("layout", RingLayout.class).regionBytes(capacity(params), params.size());
        try (FileChannel file = FileChannel.open(Path.of(names.get(FILE)),
                StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            return file.map(FileChannel.MapMode.READ_WRITE, 0, 2 * region, mapping);
        } catch (IOException e) {
            mapping.close();
            throw new UncheckedIOException("cannot map " + names.get(FILE), e);
        }
    }

    private static ShmLink bind(Params params, Map<String, String> names, MemorySegment memory, Runnable unmap,
                                Liveness other, String out, String in) {
        int size = params.size();
        int capacity = capacity(params);
        RingLayout layout = params.choice("layout", RingLayout.class);
        SyncKind sync = params.choice("sync", SyncKind.class);
        long region = layout.regionBytes(capacity, size);
        Ring outRing = new Ring(ringRegion(memory, out, region), layout, capacity, size);
        Ring inRing = new Ring(ringRegion(memory, in, region), layout, capacity, size);
        return new ShmLink(unmap,
                outRing, sync.bind(outRing, other, semaphores(names, out)),
                inRing, sync.bind(inRing, other, semaphores(names, in)));
    }

    private static MemorySegment ringRegion(MemorySegment memory, String ring, long region) {
        return memory.asSlice(ring.equals(TO_PEER) ? 0 : region, region);
    }

    private static SyncKind.RingSemaphores semaphores(Map<String, String> names, String ring) {
        return new SyncKind.RingSemaphores(names.get(ring + ".room"), names.get(ring + ".messages"));
    }
}
