package io.ipcbench.mmap;

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
 * Round trip through the shm module's two rings, in memory both processes map with mmap(2)
 * MAP_SHARED from one of three backings. Once touched, every backing is the same RAM, so the
 * median should match shm's: what this isolates is what the backing adds. A /dev/shm file and a
 * memfd are tmpfs pages, never written anywhere. A file on disk is page cache: the kernel writes
 * its dirty pages back every few seconds and write-protects them, so the next store to each page
 * takes a page fault (and may wait for the write to finish where the device needs stable pages):
 * spikes in the tail, not in the median. Pitfall avoided: MAP_PRIVATE, whose copy-on-write pages
 * the other process never sees. DEV_SHM differs from the shm module only in the mapping call
 * (mmap(2) through FFM here, FileChannel.map there; both MAP_SHARED).
 */
public class MmapLatency extends RoundTripBenchmark {
    @Param
    public Backing backing;

    @Param
    public SyncKind sync;

    /** False sharing is the shm module's lesson; -p layout=SHARED_INDICES,FLAG_WITH_PAYLOAD runs it here too. */
    @Param({"PADDED"})
    public RingLayout layout;

    @Param({"1"})
    public String capacity;

    public MmapLatency() {
        super(new MmapMechanism());
    }

    /** One operation: a message of {@code size} bytes copied through one mapped ring to the peer and back through the other. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void roundTrip() {
        roundTripOnce();
    }
}
