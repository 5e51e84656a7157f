package io.ipcbench.shm;

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
 * Round trip through two shared-memory rings: the message is copied into a slot, the index
 * published, the peer copies it out and back through the other ring. With SPIN the cost is two
 * cache-line hand-offs plus the copies: the floor for two processes. FUTEX, SPIN_THEN_FUTEX and
 * SEMAPHORE add what waking a sleeping process costs, which on small VMs outweighs everything
 * else and can make shared memory slower than a pipe: lesson 1 of the suite.
 * Left out on purpose: zero-copy (the receiver always copies the payload out, as a kernel
 * mechanism's reader must), so the comparison with pipes and sockets is of equal work.
 * {@code backing} chooses where the rings live (a /dev/shm file, a System V segment, 2 MiB huge
 * pages): the same RAM once mapped, so a round trip should not tell them apart, except at sizes
 * where the copies' TLB misses show.
 */
public class ShmLatency extends RoundTripBenchmark {
    /** POSIX by default: SYSV_SHM and HUGETLB with -p backing=...; HUGETLB needs huge pages reserved (vm.nr_hugepages). */
    @Param({"POSIX"})
    public ShmBacking backing;

    @Param
    public SyncKind sync;

    @Param
    public RingLayout layout;

    @Param({"1"})
    public String capacity;

    public ShmLatency() {
        super(new ShmMechanism());
    }

    /** One operation: a message of {@code size} bytes copied through one ring to the peer and back through the other. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void roundTrip() {
        roundTripOnce();
    }
}
