package io.ipcbench.shm;

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
 * Messages streamed through a shared-memory ring to a peer that copies each one out. With
 * capacity 1 every message waits for the previous one to be consumed (the classic single-slot
 * handshake); a larger capacity lets the two sides overlap. SHARED_INDICES puts both indices on
 * one cache line, so each side's index stores invalidate what the other reads; FLAG_WITH_PAYLOAD
 * puts the producer's index on the first slot's line, ahead of the payload (the single-slot
 * struct without its pad). Each is false sharing of one kind, measured against PADDED with
 * otherwise identical code (lesson 2); with 64 slots FLAG_WITH_PAYLOAD also sets every payload
 * 16 bytes off its line, so its single-slot rows are the ones that isolate the flag.
 * {@code backing} chooses where the rings live: at 64 KiB to 16 MiB a copy walks through more
 * 4 KiB pages than the TLB holds, and HUGETLB's 2 MiB pages are what that costs, measured.
 */
public class ShmThroughput extends OneWayBenchmark {
    /** POSIX by default: SYSV_SHM and HUGETLB with -p backing=...; HUGETLB needs huge pages reserved (vm.nr_hugepages). */
    @Param({"POSIX"})
    public ShmBacking backing;

    @Param
    public SyncKind sync;

    @Param
    public RingLayout layout;

    @Param({"1", "64"})
    public String capacity;

    public ShmThroughput() {
        super(new ShmMechanism());
    }

    /** One operation: a message of {@code size} bytes copied into the ring and out of it by the peer; {@code bytes} adds its payload. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void oneWay(Payload payload) {
        oneWayOnce(payload);
    }
}
