package io.ipcbench.mqueue;

import io.ipcbench.link.FdWait;
import io.ipcbench.link.ForkedPeer;
import io.ipcbench.link.Link;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Params;
import io.ipcbench.link.Variant;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.os.QueueMarkers;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Kernel message queues, one per direction, created by the benchmark side (0600, exclusively,
 * each behind a marker the start-up sweep can find, see {@link QueueMarkers}). Parameters:
 * {@code api} ({@link QueueApi}), {@code wait} ({@link FdWait}: BUSY_POLL makes every call
 * non-blocking and retries it) and {@code depth}, the messages of {@code size} bytes each queue
 * holds: mq_maxmsg for POSIX, msg_qbytes = depth x size for System V, whose limit is in bytes.
 * Sizes and depths beyond the kernel's limits are refused by {@link #validate}.
 */
public final class MqueueMechanism implements Mechanism {
    /** HARD_MSGMAX, the kernel's ceiling for mq_maxmsg whatever the sysctl says. */
    public static final int MAX_DEPTH = 65536;
    private static final String TO_PEER = "mqueue.to-peer";
    private static final String FROM_PEER = "mqueue.from-peer";

    @Override
    public String name() {
        return "mqueue";
    }

    /** Both queue APIs with both waits; depth 1 for round trips, 2 for streams (a queue that holds more than one message). */
    @Override
    public List<Variant> variants() {
        return Variant.bothShapes(Arrays.stream(QueueApi.values()).flatMap(api ->
                Variant.waits().map(wait -> Variant.with(wait, "api", api.name()))), "depth", "1", "2");
    }

    @Override
    public void validate(Params params) {
        QueueApi api = params.choice("api", QueueApi.class);
        FdWait.of(params);
        int depth = depth(params);
        QueueLimits.read().check(api, params.size(), depth, (long) depth * replyBytes(params));
    }

    private static int depth(Params params) {
        return params.intIn("depth", 1, MAX_DEPTH, "the number of messages of size bytes each queue holds");
    }

    /** The largest message back from the peer: a reply of {@code size} bytes, or an 8-byte acknowledgement of a stream. */
    private static int replyBytes(Params params) {
        return Math.max(params.size(), Long.BYTES);
    }

    @Override
    public Offer offer(Params params, NamedObjects names) {
        int depth = depth(params);
        return switch (params.choice("api", QueueApi.class)) {
            case POSIX -> {
                String toPeer = QueueMarkers.createPosixQueue(names, "to-peer", depth, params.size());
                String fromPeer = QueueMarkers.createPosixQueue(names, "from-peer", depth, replyBytes(params));
                yield offer(Map.of(TO_PEER, toPeer, FROM_PEER, fromPeer),
                        (peer, liveness) -> new PosixQueueLink(toPeer, fromPeer, replyBytes(params), FdWait.of(params), liveness));
            }
            case SYSV -> {
                QueueMarkers.SysvQueue toPeer = QueueMarkers.createSysvQueue(names, "to-peer", (long) depth * params.size());
                QueueMarkers.SysvQueue fromPeer = QueueMarkers.createSysvQueue(names, "from-peer", (long) depth * replyBytes(params));
                yield offer(Map.of(TO_PEER, Integer.toString(toPeer.id()), FROM_PEER, Integer.toString(fromPeer.id())),
                        (peer, liveness) -> {
                            removeWhenGone(peer, toPeer, fromPeer);
                            return new SysvQueueLink(toPeer.id(), fromPeer.id(), replyBytes(params), FdWait.of(params), liveness);
                        });
            }
        };
    }

    /**
     * A System V queue has no end of file: removing it is the only way to wake a process asleep
     * in msgsnd or msgrcv. So the queues go as soon as the peer has exited, however it died
     * (killed, crashed, or killed by the watchdog because it stopped), and a benchmark blocked on
     * them fails with EIDRM and the peer's exit status: the removal follows the peer Process's own
     * exit, so that status is recorded by the time the woken side asks for it.
     */
    private static void removeWhenGone(ForkedPeer peer, QueueMarkers.SysvQueue... queues) {
        Runnable removeAll = () -> {
            for (QueueMarkers.SysvQueue queue : queues) {
                queue.remove().run();
            }
        };
        peer.onExit().thenRun(removeAll);
    }

    @Override
    public Link attach(Params params, Map<String, String> offered, Liveness benchmark, BiConsumer<String, String> export) {
        return switch (params.choice("api", QueueApi.class)) {
            case POSIX -> new PosixQueueLink(offered.get(FROM_PEER), offered.get(TO_PEER), params.size(), FdWait.of(params), benchmark);
            case SYSV -> new SysvQueueLink(Integer.parseInt(offered.get(FROM_PEER)), Integer.parseInt(offered.get(TO_PEER)),
                    replyBytes(params), FdWait.of(params), benchmark);
        };
    }

    private interface Connect {
        Link connect(ForkedPeer peer, Liveness peerLiveness);
    }

    private static Offer offer(Map<String, String> forPeer, Connect connect) {
        return new Offer() {
            @Override
            public Map<String, String> forPeer() {
                return forPeer;
            }

            @Override
            public Link connect(ForkedPeer peer, Liveness peerLiveness) {
                return connect.connect(peer, peerLiveness);
            }
        };
    }
}
