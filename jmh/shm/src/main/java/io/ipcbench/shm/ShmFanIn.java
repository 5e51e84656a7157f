package io.ipcbench.shm;

import io.ipcbench.bench.FanInBenchmark;
import io.ipcbench.ring.FanInRings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;

import java.util.concurrent.TimeUnit;

/**
 * Fan-in N to 1 through shared memory ({@link ShmRingsFanIn}): {@code producers} processes copy
 * stamped messages into rings in one /dev/shm file, this JVM copies each one out and checks it.
 * {@code rings=MPSC}: one ring of {@value FanInRings#CAPACITY} slots, each producer claiming its
 * slot with an atomic increment of a shared tail, publishing it with a release store, the consumer
 * reading in claim order; {@code rings=PER_PRODUCER}: one ring of as many slots per producer,
 * polled round robin. One operation is one message consumed, so the score is messages per second of
 * all producers together (times {@code size}: the aggregate bandwidth the fan-in claims rank).
 * Left out on purpose: zero-copy (the consumer copies every message out, as a kernel mechanism's
 * reader must). The pitfall it shows rather than hides: a spinning producer that holds a claim
 * and loses its CPU holds every message behind it, and with more spinning producers than CPUs
 * that happens all the time.
 */
public class ShmFanIn extends FanInBenchmark {
    @Param
    public FanInRings rings;

    /**
     * The syncs a fan-in can wait with ({@link FanInRings#SYNCS}), under a name of its own: a
     * profile's {@code sync} list for the module's pair benchmarks holds semaphores and the mutex.
     */
    @Param({"SPIN", "FUTEX", "SPIN_THEN_FUTEX"})
    public String fanInSync;

    /** 8 bytes at least (the producer and sequence tag). */
    @Param({"64", "8192", "65536"})
    public String size;

    public ShmFanIn() {
        super(new ShmRingsFanIn());
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void fanIn() {
        consume();
    }
}
