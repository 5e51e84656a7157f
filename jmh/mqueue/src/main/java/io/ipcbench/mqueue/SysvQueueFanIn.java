package io.ipcbench.mqueue;

import io.ipcbench.link.FanIn;
import io.ipcbench.link.FdWait;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.Params;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.os.QueueMarkers;

import java.util.Map;

/**
 * Fan-in through one System V message queue: every producer sends into it with msgsnd, the
 * consumer takes each message whole with msgrcv (the kernel never interleaves two). The queue
 * keeps the byte limit every new queue gets, kernel.msgmnb (16 KiB by default: 256 messages of 64
 * bytes, 2 of 8 KiB), as an application's would; a message above kernel.msgmax is refused, and
 * one above msgmnb too unless this process may raise the queue's limit (CAP_SYS_RESOURCE), which
 * it then does, to one message. Producers that find it full sleep in msgsnd. A queue has no end of
 * file and its calls no timeout: a consumer asleep in msgrcv is woken by the queue's removal,
 * which follows any producer's exit (killed, crashed, or killed by its watchdog because it
 * stopped), and the trial fails naming that producer. Every wait blocks, on both sides.
 */
public final class SysvQueueFanIn implements FanIn {
    private static final String QUEUE = "mqueue.fan-in";

    @Override
    public String name() {
        return "mqueue";
    }

    @Override
    public void validate(Params params, int producers) {
        QueueLimits.read().check(QueueApi.SYSV, params.size(), 1, params.size());
    }

    @Override
    public Offer offer(Params params, int producers, NamedObjects names) {
        int size = params.size();
        QueueMarkers.SysvQueue queue = QueueMarkers.createSysvQueue(names, "fan-in", Math.max(QueueLimits.read().sysvQueueBytes(), size));
        return new Offer() {
            @Override
            public Map<String, String> forProducers() {
                return Map.of(QUEUE, Integer.toString(queue.id()));
            }

            @Override
            public Receiver connect(Liveness liveness) {
                SysvQueueLink end = new SysvQueueLink(queue.id(), queue.id(), size, FdWait.BLOCKING, liveness);
                return Receiver.of(end::receive, end::close);
            }

            @Override
            public void producerExited() {
                queue.remove().run();
            }
        };
    }

    @Override
    public Sender attachProducer(Params params, Map<String, String> offered, Liveness consumer) {
        int queue = Integer.parseInt(offered.get(QUEUE));
        return new SysvQueueLink(queue, queue, params.size(), FdWait.BLOCKING, consumer)::send;
    }
}
