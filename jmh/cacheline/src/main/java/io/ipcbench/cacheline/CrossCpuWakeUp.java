package io.ipcbench.cacheline;

import io.ipcbench.jmh.CheckedParams;
import io.ipcbench.jmh.TrialCpus;
import io.ipcbench.jmh.TrialParams;
import io.ipcbench.link.Params;
import io.ipcbench.os.Pinning;
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

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The wake-up floor: two threads of this JVM, pinned as a trial's two sides are (the measuring
 * thread on the benchmark CPU, an echo thread on the peer CPU), that do nothing but sleep in
 * FUTEX_WAIT and wake each other with FUTEX_WAKE ({@link FutexPingPong}). One op is a round trip
 * of two wakes: the echo thread woken, then the measuring thread woken back; half of it is one
 * cross-CPU wake-up. Every blocking mechanism pays this per message it does not find waiting (a
 * blocking pipe round trip: up to two such wake-ups, and four system calls), so a change of this
 * floor between two kernels or machines moves them all. The OS-cost profiler shows the
 * sleeps: about two voluntary context switches per op (both threads are this process's), which
 * is what makes this a wake-up floor and not a spin. Left out: any payload, ring or descriptor,
 * and the process boundary (two threads share one address space; the futex ops are still the
 * shared ones the FUTEX strategy uses between processes). Round trips as SampleTime, like every
 * mechanism's, so that p50 stands beside theirs.
 */
@State(Scope.Thread)
public class CrossCpuWakeUp implements CheckedParams {
    @Param({"cross-core"})
    public String pinning;

    private Pinning.Plan cpus;
    private FutexPingPong pair;

    @Override
    public void checkParams(Map<String, String> values) {
        new Params(FutexPingPong.NAME, values).pinning().plan();
    }

    @Setup(Level.Trial)
    public void start(BenchmarkParams jmh) {
        cpus = TrialCpus.prepare(TrialParams.of(FutexPingPong.NAME, jmh));
        pair = new FutexPingPong(cpus);
    }

    @Setup(Level.Iteration)
    public void pinMeasuringThread() {
        cpus.pinCurrentThreadAsBenchmark();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void roundTripOfTwoWakes() {
        pair.roundTrip();
    }

    @TearDown(Level.Trial)
    public void stop() {
        pair.close();
    }
}
