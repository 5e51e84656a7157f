package io.ipcbench.eventfd;

import io.ipcbench.link.FdWait;
import io.ipcbench.link.ForkedPeer;
import io.ipcbench.link.Link;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Params;
import io.ipcbench.link.Role;
import io.ipcbench.link.Variant;
import io.ipcbench.os.Eventfds;
import io.ipcbench.os.Libc;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.ring.Doorbells;
import io.ipcbench.ring.RingLayout;
import io.ipcbench.ring.SharedMapping;
import io.ipcbench.ring.SharedRings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * eventfd(2) between the benchmark JVM and its child, in two {@link Shape}s: COUNTER, where the
 * 8-byte counter is the message, and RING, where messages go through two shared-memory rings (a
 * /dev/shm file, PADDED layout, as in the shm module) and an eventfd per process is the doorbell
 * that wakes it. The peer creates both eventfds (one per process to wake, O_NONBLOCK for
 * BUSY_POLL) and the benchmark side takes them with pidfd_getfd(2), as for pipes: an eventfd has
 * no name and cannot be reopened through /proc. Parameters: {@code shape}, {@code wait}
 * ({@link FdWait}); RING adds {@code capacity} and {@code spin}, the microseconds a waiter spins
 * on the ring before it reads its doorbell (0: at once, like shm's FUTEX).
 */
public final class EventfdMechanism implements Mechanism {
    /** The only message size of COUNTER: the eventfd's counter. */
    public static final int COUNTER_BYTES = 8;
    public static final int MAX_SPIN_MICROS = 1000;
    private static final String FDS = "eventfd.fds";
    private static final String FILE = "eventfd.file";

    @Override
    public String name() {
        return "eventfd";
    }

    /**
     * Rings woken through eventfds (blocking, busy-polling, spinning first), and the counter with
     * both waits, which carries round trips only.
     */
    @Override
    public List<Variant> variants() {
        List<Variant> variants = new ArrayList<>(Variant.bothShapes(Stream.of(Map.of("shape", "RING", "wait", "BLOCKING"),
                Map.of("shape", "RING", "wait", "BUSY_POLL"), Map.of("shape", "RING", "wait", "BLOCKING", "spin", "50")),
                "capacity", "1", "2"));
        Variant.waits().forEach(wait -> variants.add(new Variant(Role.ECHO, Variant.with(wait, "shape", "COUNTER"),
                Variant.Payload.COUNTER, true)));
        return variants;
    }

    @Override
    public void validate(Params params) {
        FdWait.of(params);
        if (params.choice("shape", Shape.class) == Shape.COUNTER) {
            if (params.size() != COUNTER_BYTES) {
                throw new IllegalArgumentException("eventfd: size=" + params.size() + " is not possible with shape=COUNTER: "
                        + "its message is the eventfd's 8-byte counter, so size must be " + COUNTER_BYTES
                        + "; shape=RING carries other sizes");
            }
        } else {
            rings(params);
            spinNanos(params);
        }
    }

    private static SharedRings rings(Params params) {
        return new SharedRings(RingLayout.PADDED, SharedRings.capacity(params), params.size());
    }

    private static long spinNanos(Params params) {
        if (!params.has("spin")) {
            return 0;
        }
        int micros = params.intIn("spin", 0, MAX_SPIN_MICROS, "the microseconds a waiter spins on the ring before it reads its eventfd");
        return TimeUnit.MICROSECONDS.toNanos(micros);
    }

    @Override
    public Offer offer(Params params, NamedObjects names) {
        Map<String, String> forPeer = params.choice("shape", Shape.class) == Shape.RING
                ? Map.of(FILE, names.createShmFile("rings", rings(params).bytes()).toString())
                : Map.of();
        return new Offer() {
            @Override
            public Map<String, String> forPeer() {
                return forPeer;
            }

            @Override
            public Link connect(ForkedPeer peer, Liveness peerLiveness) {
                String[] fds = peer.awaitExport(FDS).split(",");
                int peerBell = Libc.duplicateFrom(peer.pid(), Integer.parseInt(fds[0]));
                int ownBell = Libc.duplicateFrom(peer.pid(), Integer.parseInt(fds[1]));
                PeerExitBell exitBell = PeerExitBell.arm(peer.process(), ownBell);
                return link(params, forPeer, ownBell, peerBell, peerLiveness, SharedRings.End.BENCHMARK, () -> {
                    exitBell.close();
                    Libc.close(ownBell);
                    Libc.close(peerBell);
                });
            }
        };
    }

    @Override
    public Link attach(Params params, Map<String, String> offered, Liveness benchmark, BiConsumer<String, String> export) {
        boolean nonBlocking = FdWait.of(params) == FdWait.BUSY_POLL;
        int peerBell = Eventfds.create(nonBlocking);
        int benchmarkBell = Eventfds.create(nonBlocking);
        export.accept(FDS, peerBell + "," + benchmarkBell);
        return link(params, offered, peerBell, benchmarkBell, benchmark, SharedRings.End.PEER, () -> {
            Libc.close(peerBell);
            Libc.close(benchmarkBell);
        });
    }

    /** This process's end: it waits on eventfd {@code own} and wakes the other process through {@code other}. */
    private static Link link(Params params, Map<String, String> offered, int own, int other, Liveness otherSide,
                             SharedRings.End end, Runnable closeBells) {
        if (params.choice("shape", Shape.class) == Shape.COUNTER) {
            return new CounterLink(own, other, otherSide, closeBells);
        }
        SharedRings rings = rings(params);
        SharedMapping mapping = SharedMapping.ofFile(Path.of(offered.get(FILE)), rings.bytes()).releasingFirst(closeBells);
        return rings.open(mapping, end, new Doorbells(own, other, FdWait.of(params), spinNanos(params)), otherSide);
    }
}
