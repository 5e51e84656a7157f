package io.ipcbench.cacheline;

import io.ipcbench.jmh.TrialParams;
import io.ipcbench.peer.Role;
import io.ipcbench.traffic.RoundTrip;
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
@State(Scope.Thread)
public class InProcessLatency {
    @Param({"64", "1024", "65536", "1048576"})
    public String size;

    @Param({"cross-core"})
    public String pinning;

    @Param({"SPIN", "FUTEX", "SPIN_THEN_FUTEX", "SEMAPHORE"})
    public String sync;

    @Param({"PADDED", "SHARED_LINE"})
    public String layout;

    @Param({"1"})
    public String capacity;

    private InProcessRings rings;
    private RoundTrip roundTrip;

    @Setup(Level.Trial)
    public void startPeerThread(BenchmarkParams jmh) {
        rings = InProcessRings.start(TrialParams.of(InProcessRings.NAME, jmh), Role.ECHO);
        roundTrip = RoundTrip.over(rings);
    }

    @Setup(Level.Iteration)
    public void pinMeasuringThread() {
        rings.pinBenchmarkThread();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void roundTrip() {
        roundTrip.once();
    }

    @TearDown(Level.Trial)
    public void stopPeerThread() {
        roundTrip.close();
    }
}
