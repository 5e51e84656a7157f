package io.ipcbench.mqueue;

import io.ipcbench.link.FanIn;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.Params;
import io.ipcbench.os.NamedObjects;

import java.util.Map;

/** The POSIX queue fan-in, except that every producer fails as it attaches: the trial's start must fail cleanly. */
public final class RefusingProducersFanIn implements FanIn {
    static final String REFUSAL = "this producer refuses to attach, on purpose";
    private final PosixQueueFanIn queue = new PosixQueueFanIn();

    @Override
    public String name() {
        return queue.name();
    }

    @Override
    public void validate(Params params, int producers) {
        queue.validate(params, producers);
    }

    @Override
    public Offer offer(Params params, int producers, NamedObjects names) {
        return queue.offer(params, producers, names);
    }

    @Override
    public Sender attachProducer(Params params, Map<String, String> offered, Liveness consumer) {
        throw new IllegalStateException(REFUSAL);
    }
}
