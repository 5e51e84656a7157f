package io.ipcbench.mmap;

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
 * Messages streamed through a ring mapped from a /dev/shm file, a file on disk or a memfd, to a
 * peer that copies each one out. A stream dirties every page of the ring again and again: on
 * tmpfs (DEV_SHM, MEMFD) that costs nothing more, on disk the kernel keeps writing the ring back
 * in the background and each store after a writeback faults, so DISK shows what the page cache's
 * writeback takes from a stream that never meant to persist anything.
 */
public class MmapThroughput extends OneWayBenchmark {
    @Param
    public Backing backing;

    @Param
    public SyncKind sync;

    /** False sharing is the shm module's lesson; -p layout=SHARED_INDICES,FLAG_WITH_PAYLOAD runs it here too. */
    @Param({"PADDED"})
    public RingLayout layout;

    /** 64 slots: the two sides overlap; -p capacity=1 gives the single-slot handshake. */
    @Param({"64"})
    public String capacity;

    public MmapThroughput() {
        super(new MmapMechanism());
    }

    /** One operation: a message of {@code size} bytes copied into the mapped ring and out of it by the peer; {@code bytes} adds its payload. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void oneWay(Payload payload) {
        oneWayOnce(payload);
    }
}
