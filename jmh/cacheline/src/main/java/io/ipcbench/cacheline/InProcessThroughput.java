package io.ipcbench.cacheline;

import io.ipcbench.bench.OneWayBenchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * ShmThroughput without the process boundary: messages streamed through the same ring to a pinned
 * thread of this JVM that copies each one out and acknowledges every batch ({@code OneWay.sink}),
 * with the same two-batch window, so one operation is still one message consumed. The payload
 * bytes per second ({@code bytes}) read against CopyBandwidth at the same size: a message is
 * copied twice, into the slot and out of it, on two cores, and the second copy pulls every line
 * from the first core's cache. Left out and pitfall avoided: as InProcessLatency.
 */
public class InProcessThroughput extends OneWayBenchmark {
    @Param({"SPIN", "FUTEX", "SPIN_THEN_FUTEX", "SEMAPHORE"})
    public String sync;

    @Param({"PADDED", "SHARED_INDICES", "FLAG_WITH_PAYLOAD"})
    public String layout;

    @Param({"1", "64"})
    public String capacity;

    public InProcessThroughput() {
        super(InProcessRings.NAME, InProcessRings.OPENER);
    }
}
