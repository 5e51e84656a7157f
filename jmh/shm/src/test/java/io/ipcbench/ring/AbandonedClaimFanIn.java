package io.ipcbench.ring;

import io.ipcbench.link.FanIn;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.Params;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.peer.FanInSession;
import io.ipcbench.shm.ShmRingsFanIn;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Map;

/**
 * The shared-memory fan-in with rings=MPSC, except that producer 2, after {@link #MESSAGES_BEFORE}
 * messages, claims a slot and never publishes it: with {@code abandon=EXIT} it then exits with
 * status {@value #EXIT_STATUS} (a producer that dies between its claim and its publication), with
 * {@code abandon=HANG} it sleeps (one that hangs there). The consumer must not wait for that slot
 * forever. A test class in the ring package: it claims through {@link MpscRing} itself.
 */
public final class AbandonedClaimFanIn implements FanIn {
    static final int ABANDONING = 1;
    static final int MESSAGES_BEFORE = 1000;
    static final int EXIT_STATUS = 3;
    private final ShmRingsFanIn shm = new ShmRingsFanIn();

    /** What the abandoning producer does once it holds the slot. */
    enum Abandon { EXIT, HANG }

    @Override
    public String name() {
        return shm.name();
    }

    @Override
    public void validate(Params params, int producers) {
        shm.validate(params, producers);
    }

    @Override
    public Offer offer(Params params, int producers, NamedObjects names) {
        return shm.offer(params, producers, names);
    }

    @Override
    public Sender attachProducer(Params params, Map<String, String> offered, Liveness consumer) {
        return shm.attachProducer(params, offered, consumer);
    }

    @Override
    public Sender attachProducer(Params params, Map<String, String> offered, int index, Liveness consumer) {
        Sender sender = shm.attachProducer(params, offered, index, consumer);
        if (index != ABANDONING) {
            return sender;
        }
        Abandon abandon = params.choice("abandon", Abandon.class);
        int producers = FanInSession.producers(params);
        long bytes = FanInRings.MPSC.bytes(producers, params.size());
        MemorySegment memory = SharedMapping.ofFile(Path.of(offered.get("shm.file")), bytes).memory();
        MpscRing ring = new MpscRing(memory, producers, FanInRings.CAPACITY, params.size());
        int[] sent = {0};
        return (message, length) -> {
            if (sent[0]++ < MESSAGES_BEFORE) {
                sender.send(message, length);
                return;
            }
            ring.recordTicket(index, ring.claim());
            if (abandon == Abandon.EXIT) {
                Runtime.getRuntime().halt(EXIT_STATUS);
            }
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }
}
