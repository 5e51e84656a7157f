package io.ipcbench.cacheline;

import io.ipcbench.bench.RoundTripBenchmark;
import io.ipcbench.ring.RingLayout;
import io.ipcbench.ring.SyncKind;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;

import java.util.concurrent.TimeUnit;

/**
 * ShmLatency without the process boundary: the same round trip through the same two shared-memory
 * rings (same sync, layout, capacity and sizes, same {@code RoundTrip.once} on this side and
 * {@code RoundTrip.echo} on the other), but the echo runs on a second thread of this JVM, pinned
 * where the peer process would be. Once memory is mapped a process boundary adds no instruction to
 * a message, so ShmLatency should come out at this floor; a gap points at something else (page
 * placement, a JIT difference between the two JVMs, the peer JVM's own threads competing for a CPU).
 * Left out: the peer JVM's start-up and heap, which the inter-process benchmark does not measure
 * either. Pitfall avoided: an arena segment would be anonymous memory (possibly huge pages), not
 * the /dev/shm pages ShmLatency uses; here the very file type is mapped, once.
 */
public class InProcessLatency extends RoundTripBenchmark {
    @Param
    public SyncKind sync;

    @Param
    public RingLayout layout;

    @Param({"1"})
    public String capacity;

    public InProcessLatency() {
        super(InProcessRings.NAME, InProcessRings.OPENER);
    }

    /** One operation: a message of {@code size} bytes copied through one ring to the echo thread and back through the other. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void roundTrip() {
        roundTripOnce();
    }
}
