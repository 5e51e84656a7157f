package io.ipcbench.shm;

import io.ipcbench.link.Link;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Params;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.peer.PeerProcess;

import java.nio.file.Path;
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
    private static final String FILE = "shm.file";

    @Override
    public String name() {
        return "shm";
    }

    @Override
    public void validate(Params params) {
        params.choice("sync", SyncKind.class);
        SharedRings.of(params);
    }

    @Override
    public Offer offer(Params params, NamedObjects names) {
        SharedRings rings = SharedRings.of(params);
        Map<String, String> forPeer = new LinkedHashMap<>();
        forPeer.put(FILE, names.createShmFile("rings", rings.bytes()).toString());
        forPeer.putAll(rings.createSemaphores(params.choice("sync", SyncKind.class), names));
        return new Offer() {
            @Override
            public Map<String, String> forPeer() {
                return forPeer;
            }

            @Override
            public Link connect(PeerProcess peer, Liveness peerLiveness) {
                return open(params, forPeer, peerLiveness, SharedRings.End.BENCHMARK);
            }
        };
    }

    @Override
    public Link attach(Params params, Map<String, String> offered, Liveness benchmark, BiConsumer<String, String> export) {
        return open(params, offered, benchmark, SharedRings.End.PEER);
    }

    private static Link open(Params params, Map<String, String> names, Liveness other, SharedRings.End end) {
        SharedRings rings = SharedRings.of(params);
        SharedMapping mapping = SharedMapping.ofFile(Path.of(names.get(FILE)), rings.bytes());
        return rings.open(mapping, end, params.choice("sync", SyncKind.class), names, other);
    }
}
