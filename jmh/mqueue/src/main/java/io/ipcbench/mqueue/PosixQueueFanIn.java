package io.ipcbench.mqueue;

import io.ipcbench.link.FanIn;
import io.ipcbench.link.FdWait;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.Params;
import io.ipcbench.os.MessageQueues;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.os.QueueMarkers;

import java.util.Map;

/**
 * Fan-in through one POSIX message queue: every producer opens it for writing and the consumer
 * reads it, each message whole (the kernel never interleaves two messages, whatever their size).
 * The queue holds {@value #DEPTH} messages of {@code size} bytes (mq_maxmsg: the kernel's default
 * fs.mqueue.msg_max, the most an unprivileged process gets unless it is raised); producers that find it full sleep in mq_timedsend and the
 * kernel wakes the one waiting longest (of equal priority) when a message is taken out. Every wait
 * blocks, on both sides, bounded as in {@link PosixQueueEnd}. The number of producers meets no
 * queue limit: each opens one descriptor in its own process.
 */
public final class PosixQueueFanIn implements FanIn {
    static final int DEPTH = 10;
    private static final String QUEUE = "mqueue.fan-in";

    @Override
    public String name() {
        return "mqueue";
    }

    @Override
    public void validate(Params params, int producers) {
        QueueLimits.read().check(QueueApi.POSIX, params.size(), DEPTH, 0);
    }

    @Override
    public Offer offer(Params params, int producers, NamedObjects names) {
        String queue = QueueMarkers.createPosixQueue(names, "fan-in", DEPTH, params.size());
        return new Offer() {
            @Override
            public Map<String, String> forProducers() {
                return Map.of(QUEUE, queue);
            }

            @Override
            public Receiver connect(Liveness liveness) {
                PosixQueueEnd end = new PosixQueueEnd(queue, MessageQueues.O_RDONLY, params.size(), FdWait.BLOCKING, liveness);
                return Receiver.of(end::receive, end::close);
            }
        };
    }

    @Override
    public Sender attachProducer(Params params, Map<String, String> offered, Liveness consumer) {
        return new PosixQueueEnd(offered.get(QUEUE), MessageQueues.O_WRONLY, 0, FdWait.BLOCKING, consumer)::send;
    }
}
