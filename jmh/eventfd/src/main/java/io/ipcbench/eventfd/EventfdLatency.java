package io.ipcbench.eventfd;

import io.ipcbench.bench.RoundTripBenchmark;
import io.ipcbench.link.FdWait;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;

import java.util.concurrent.TimeUnit;

/**
 * Round trip through two shared-memory rings with an eventfd doorbell per process: what
 * production queues do. The message is copied into a slot and the index published, as in shm;
 * a reader that found nothing announced itself and sleeps in read(2) on its eventfd, and the
 * writer rings it with write(2) only because someone sleeps. BLOCKING therefore pays a wake-up
 * per direction, like shm's FUTEX (spin=0) or SPIN_THEN_FUTEX (-p spin=50), through the file
 * layer instead of the futex hash; BUSY_POLL keeps the reader spinning on a non-blocking read(2)
 * until the doorbell rings: no sleep, but a system call per turn. Left out: COUNTER, whose
 * message is the counter itself and only 8 bytes (EventfdCounterLatency).
 */
public class EventfdLatency extends RoundTripBenchmark {
    /** Fixed per class: COUNTER carries 8 bytes only, so it has a class of its own without the size list. */
    @Param({"RING"})
    public Shape shape;

    @Param
    public FdWait wait;

    /** Microseconds a reader spins on the ring before it reads its eventfd; 0 reads at once. */
    @Param({"0"})
    public String spin;

    @Param({"1"})
    public String capacity;

    public EventfdLatency() {
        super(new EventfdMechanism());
    }

    /** One operation: a message of {@code size} bytes through one ring to the peer, rung awake if it sleeps, and back through the other. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void roundTrip() {
        roundTripOnce();
    }
}
