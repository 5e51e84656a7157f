package io.ipcbench.mqueue;

import io.ipcbench.link.FanIn;
import io.ipcbench.peer.FanInContract;

import java.util.Map;

/** Fan-in through one queue of one {@link QueueApi} with real producer processes ({@link FanInContract}), at most 8 KiB a message. */
abstract class QueueFanInContract extends FanInContract {
    protected abstract QueueApi api();

    @Override
    protected final FanIn fanIn() {
        return new KernelQueueFanIn();
    }

    @Override
    protected final Map<String, String> variant() {
        return Map.of("api", api().name());
    }

    @Override
    protected final int largeSize() {
        return 8192;
    }
}
