package io.ipcbench.shm;

import io.ipcbench.link.FanIn;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.Params;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.peer.FanInSession;
import io.ipcbench.ring.FanInRings;
import io.ipcbench.ring.SharedMapping;
import io.ipcbench.ring.SyncKind;

import java.nio.file.Path;
import java.util.Map;

/**
 * Fan-in through shared memory: one /dev/shm file (named, 0600, swept like the rings of a pair)
 * that the benchmark JVM creates and every producer maps, holding the rings of {@code rings}
 * ({@link FanInRings}): one ring all producers claim slots in (MPSC), or one ring per producer that
 * the consumer polls (PER_PRODUCER), waiting as {@code sync} says (SPIN, FUTEX or SPIN_THEN_FUTEX).
 * No system call moves a message: each is copied into a slot by its producer and out of it by the
 * consumer.
 */
public final class ShmRingsFanIn implements FanIn {
    private static final String FILE = "shm.file";
    private static final Path DEV_SHM = Path.of("/dev/shm");

    @Override
    public String name() {
        return "shm";
    }

    /** The rings and the sync, and room for the rings in /dev/shm (a full tmpfs would kill a process that stores to an unbacked page). */
    @Override
    public void validate(Params params, int producers) {
        long bytes = FanInRings.of(params).bytes(producers, params.size());
        FanInRings.sync(params);
        long free = DEV_SHM.toFile().getUsableSpace();
        if (bytes > free) {
            throw new IllegalStateException(params.describe() + ": the rings need " + bytes + " bytes of /dev/shm, which has " + free
                    + " bytes free; choose a smaller size or fewer producers, or enlarge /dev/shm (mount -o remount,size=...)");
        }
    }

    @Override
    public Offer offer(Params params, int producers, NamedObjects names) {
        FanInRings rings = FanInRings.of(params);
        SyncKind sync = FanInRings.sync(params);
        long bytes = rings.bytes(producers, params.size());
        Path file = names.createShmFile("fan-in", bytes);
        return new Offer() {
            @Override
            public Map<String, String> forProducers() {
                return Map.of(FILE, file.toString());
            }

            @Override
            public Receiver connect(Liveness liveness) {
                SharedMapping mapping = SharedMapping.ofFile(file, bytes);
                return rings.consumerEnd(mapping.memory(), producers, params.size(), sync, liveness, params.describe(), mapping.release());
            }
        };
    }

    /** A producer needs its index: its ring, or its record in the shared ring. */
    @Override
    public Sender attachProducer(Params params, Map<String, String> offered, Liveness consumer) {
        throw new UnsupportedOperationException("a shared-memory fan-in producer attaches with its index");
    }

    @Override
    public Sender attachProducer(Params params, Map<String, String> offered, int index, Liveness consumer) {
        FanInRings rings = FanInRings.of(params);
        int producers = FanInSession.producers(params);
        SharedMapping mapping = SharedMapping.ofFile(Path.of(offered.get(FILE)), rings.bytes(producers, params.size()));
        // the producer keeps its mapping until it exits
        return rings.producerEnd(mapping.memory(), producers, index, params.size(), FanInRings.sync(params), consumer);
    }
}
