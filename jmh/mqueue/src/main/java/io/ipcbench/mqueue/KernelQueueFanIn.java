package io.ipcbench.mqueue;

import io.ipcbench.link.FanIn;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.Params;
import io.ipcbench.os.NamedObjects;

import java.util.Map;

/** Fan-in through one message queue of the trial's {@code api} ({@link QueueApi}): {@link PosixQueueFanIn} or {@link SysvQueueFanIn}. */
public final class KernelQueueFanIn implements FanIn {
    private final PosixQueueFanIn posix = new PosixQueueFanIn();
    private final SysvQueueFanIn sysv = new SysvQueueFanIn();

    @Override
    public String name() {
        return "mqueue";
    }

    private FanIn of(Params params) {
        return switch (params.choice("api", QueueApi.class)) {
            case POSIX -> posix;
            case SYSV -> sysv;
        };
    }

    @Override
    public void validate(Params params, int producers) {
        of(params).validate(params, producers);
    }

    @Override
    public Offer offer(Params params, int producers, NamedObjects names) {
        return of(params).offer(params, producers, names);
    }

    @Override
    public Sender attachProducer(Params params, Map<String, String> offered, Liveness consumer) {
        return of(params).attachProducer(params, offered, consumer);
    }
}
