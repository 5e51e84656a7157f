package io.ipcbench.signal;

import io.ipcbench.bench.AbstractRoundTripBenchmark;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;

import java.util.concurrent.TimeUnit;

/**
 * Round trip of a signal: the measuring thread sends one to the peer's receiving thread, which
 * is asleep in sigtimedwait(2), and sleeps in its own until the peer's answer arrives. Isolates
 * the kernel's cheapest notification between processes, a wake-up with no data: what a
 * semaphore or futex hand-off costs without shared memory, and the floor under every blocking
 * mechanism's round trip.
 * Left out on purpose: a payload (a signal carries none; realtime signals carry an 8-byte value,
 * used here for the sequence number), so there is no size param, and signal handlers (a
 * handler runs on whatever thread the kernel picks and, in the JVM, on a thread of its own).
 * Pitfall avoided: signals go to one thread (tgkill, rt_tgsigqueueinfo) that blocks them; a
 * process-directed signal could land on a JVM thread that does not, and terminate the JVM.
 */
public class SignalLatency extends AbstractRoundTripBenchmark {
    /** STANDARD: SIGUSR1 with tgkill; REALTIME: SIGRTMIN with rt_tgsigqueueinfo, carrying a checked sequence number. */
    @Param
    public SignalKind kind;

    public SignalLatency() {
        super(new SignalMechanism());
    }

    /** One operation: a signal sent to the peer and its answer taken with sigtimedwait(2). */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void roundTrip() {
        roundTripOnce();
    }
}
