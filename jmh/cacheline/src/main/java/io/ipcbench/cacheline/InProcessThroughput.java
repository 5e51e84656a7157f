package io.ipcbench.cacheline;

import io.ipcbench.bench.OneWayBenchmark;
import io.ipcbench.ring.RingLayout;
import io.ipcbench.ring.SyncKind;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;

import java.util.concurrent.TimeUnit;

/**
 * ShmThroughput without the process boundary: messages streamed through the same ring to a pinned
 * thread of this JVM that copies each one out and acknowledges every batch ({@code OneWay.sink}),
 * with the same two-batch window, so one operation is still one message consumed. The payload
 * bytes per second ({@code bytes}) read against CopyBandwidth at the same size: a message is
 * copied twice, into the slot and out of it, on two cores, and the second copy pulls every line
 * from the first core's cache. Left out and pitfall avoided: as InProcessLatency.
 */
public class InProcessThroughput extends OneWayBenchmark {
    @Param
    public SyncKind sync;

    @Param
    public RingLayout layout;

    @Param({"1", "64"})
    public String capacity;

    public InProcessThroughput() {
        super(InProcessRings.NAME, InProcessRings.OPENER);
    }

    /** One operation: a message of {@code size} bytes copied into the ring and out of it by the sink thread; {@code bytes} adds its payload. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void oneWay(Payload payload) {
        oneWayOnce(payload);
    }
}
