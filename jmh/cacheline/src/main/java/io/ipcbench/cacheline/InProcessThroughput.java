package io.ipcbench.cacheline;

import io.ipcbench.jmh.OneWayBenchmark;
import io.ipcbench.jmh.TrialParams;
import io.ipcbench.peer.Role;
import io.ipcbench.traffic.OneWay;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.concurrent.TimeUnit;

/**
 * ShmThroughput without the process boundary: messages streamed through the same ring to a pinned
 * thread of this JVM that copies each one out and acknowledges every batch ({@code OneWay.sink}),
 * with the same two-batch window, so one operation is still one message consumed. The payload
 * bytes per second ({@code bytes}) read against CopyBandwidth at the same size: a message is
 * copied twice, into the slot and out of it, on two cores, and the second copy pulls every line
 * from the first core's cache. Left out and pitfall avoided: as InProcessLatency.
 */
@State(Scope.Thread)
public class InProcessThroughput {
    @Param({"64", "1024", "65536", "1048576"})
    public String size;

    @Param({"cross-core"})
    public String pinning;

    @Param({"SPIN", "FUTEX", "SPIN_THEN_FUTEX", "SEMAPHORE"})
    public String sync;

    @Param({"PADDED", "SHARED_LINE"})
    public String layout;

    @Param({"1", "64"})
    public String capacity;

    private InProcessRings rings;
    private OneWay stream;
    private int bytesPerMessage;

    @Setup(Level.Trial)
    public void startPeerThread(BenchmarkParams jmh) {
        rings = InProcessRings.start(TrialParams.of(InProcessRings.NAME, jmh), Role.SINK);
        stream = OneWay.over(rings);
        bytesPerMessage = rings.params().size();
    }

    @Setup(Level.Iteration)
    public void pinMeasuringThread() {
        rings.pinBenchmarkThread();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void oneWay(OneWayBenchmark.Payload payload) {
        stream.send();
        payload.bytes += bytesPerMessage;
    }

    @TearDown(Level.Iteration)
    public void drain() {
        stream.drain(false);
    }

    @TearDown(Level.Trial)
    public void stopPeerThread() {
        stream.close();
    }
}
