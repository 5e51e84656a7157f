package io.ipcbench.mmap;

import io.ipcbench.link.ForkedPeer;
import io.ipcbench.link.Link;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Params;
import io.ipcbench.link.Variant;
import io.ipcbench.os.Libc;
import io.ipcbench.os.Mmap;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.ring.RingLayout;
import io.ipcbench.ring.SharedMapping;
import io.ipcbench.ring.SharedRings;
import io.ipcbench.ring.SyncKind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Shared memory through mmap(2) of a file, MAP_SHARED, over three {@link Backing}s: a /dev/shm
 * file, a file on disk, a memfd. The rings, sync strategies and layouts are the shm module's
 * ({@link SharedRings}: params {@code sync}, {@code layout}, {@code capacity}), and both processes
 * map every backing with the same mmap(2) call, so the backing is the only difference between
 * trials. Files are opened by name; the memfd has none: the peer creates it and the benchmark
 * side takes it with pidfd_getfd(2), as for pipes.
 */
public final class MmapMechanism implements Mechanism {
    private static final String FILE = "mmap.file";
    private static final String MEMFD = "mmap.memfd";

    @Override
    public String name() {
        return "mmap";
    }

    /** Each backing, with the FUTEX sync and the PADDED layout: the rings are shm's, soaked there with every sync. */
    @Override
    public List<Variant> variants() {
        return Variant.bothShapes(Arrays.stream(Backing.values()).map(backing ->
                Map.of("backing", backing.name(), "sync", SyncKind.FUTEX.name(), "layout", RingLayout.PADDED.name())), "capacity", "1", "2");
    }

    /**
     * The named objects of process {@code pid} present now, wherever this mechanism puts them: the
     * places {@link NamedObjects} knows and the DISK backing's folder ({@code -Dipcbench.mmap.dir},
     * else /var/tmp). A check for leftovers that does not look there cannot see a DISK mapping left behind.
     */
    public static List<String> objectsOf(long pid) {
        List<String> present = new ArrayList<>(NamedObjects.presentFor(pid));
        present.addAll(NamedObjects.presentFor(pid, DiskFile.parent()));
        return present;
    }

    @Override
    public void validate(Params params) {
        Backing backing = params.choice("backing", Backing.class);
        SyncKind.of(params);
        SharedRings.of(params);
        if (backing == Backing.DISK) {
            DiskFile.usableStore();
        }
    }

    @Override
    public Offer offer(Params params, NamedObjects names) {
        SharedRings rings = SharedRings.of(params);
        Backing backing = params.choice("backing", Backing.class);
        Map<String, String> forPeer = new LinkedHashMap<>();
        SyncKind sync = SyncKind.of(params);
        switch (backing) {
            case DEV_SHM -> forPeer.put(FILE, names.createShmFile("rings", rings.bytes()).toString());
            case DISK -> forPeer.put(FILE, DiskFile.create(names, rings.bytes()).toString());
            case MEMFD -> requireMemory(rings.bytes());
        }
        if (backing != Backing.MEMFD) {
            rings.initialiseSync(sync, Path.of(forPeer.get(FILE)));
        }
        forPeer.putAll(rings.createSemaphores(sync, names));
        return new Offer() {
            @Override
            public Map<String, String> forPeer() {
                return forPeer;
            }

            @Override
            public Link connect(ForkedPeer peer, Liveness peerLiveness) {
                int fd = backing == Backing.MEMFD
                        ? Libc.duplicateFrom(peer.pid(), Integer.parseInt(peer.awaitExport(MEMFD)))
                        : Mmap.openReadWrite(Path.of(forPeer.get(FILE)));
                return open(params, forPeer, peerLiveness, SharedRings.End.BENCHMARK, SharedMapping.ofDescriptorClosing(fd, rings.bytes()));
            }
        };
    }

    @Override
    public Link attach(Params params, Map<String, String> offered, Liveness benchmark, BiConsumer<String, String> export) {
        long bytes = SharedRings.of(params).bytes();
        if (params.choice("backing", Backing.class) != Backing.MEMFD) {
            return open(params, offered, benchmark, SharedRings.End.PEER, SharedMapping.ofDescriptorClosing(Mmap.openReadWrite(Path.of(offered.get(FILE))), bytes));
        }
        int memfd = Mmap.memfdCreate("ipcbench-rings");
        Mmap.truncate(memfd, bytes);
        // kept open until the link closes: the benchmark side duplicates it after this returns
        SharedMapping mapping = SharedMapping.ofDescriptor(memfd, bytes).releasingFirst(() -> Libc.close(memfd));
        // the peer creates this memory: it initialises what the sync keeps there before the benchmark side can map it
        SharedRings.of(params).initialiseSync(SyncKind.of(params), mapping.memory());
        export.accept(MEMFD, Integer.toString(memfd));
        return open(params, offered, benchmark, SharedRings.End.PEER, mapping);
    }

    private static Link open(Params params, Map<String, String> offered, Liveness other, SharedRings.End end, SharedMapping mapping) {
        return SharedRings.of(params).open(mapping, end, params.choice("sync", SyncKind.class), offered, other);
    }

    /** A memfd's pages are memory with no filesystem limit: refuse what would not fit instead of meeting the OOM killer. */
    private static void requireMemory(long bytes) {
        long available = memAvailable();
        if (bytes > available) {
            throw new IllegalStateException("mmap backing=MEMFD: the rings need " + bytes + " bytes but the kernel reports "
                    + available + " available (MemAvailable in /proc/meminfo): choose a smaller size or capacity");
        }
    }

    private static long memAvailable() {
        try (var lines = Files.lines(Path.of("/proc/meminfo"))) {
            return lines.filter(line -> line.startsWith("MemAvailable:"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024)
                    .findFirst().orElse(Long.MAX_VALUE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/meminfo", e);
        }
    }
}
