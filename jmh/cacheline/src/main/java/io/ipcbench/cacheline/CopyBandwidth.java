package io.ipcbench.cacheline;

import io.ipcbench.bench.CheckedParams;
import io.ipcbench.bench.OneWayBenchmark;
import io.ipcbench.bench.TrialCpus;
import io.ipcbench.bench.TrialParams;
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

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One thread copying {@code size} bytes between two page-aligned native segments with
 * {@code MemorySegment.copy}, the call every ring and every message buffer here uses: the ceiling
 * for any mechanism's payload bytes per second at that size (a message moves at least once, and
 * the shm ring and the kernel's pipes move it twice). Small sizes stay in L1/L2 and measure the
 * copy loop; sizes beyond the last-level cache measure memory bandwidth. Left out: a second core
 * (no cache-line transfer between cores, which the ring pays and this does not) and page faults
 * (the arena zeroes both segments when allocating them, so every page is present before the first
 * copy).
 */
@State(Scope.Thread)
public class CopyBandwidth implements CheckedParams {
    private static final String COPY = "copy";
    private static final long PAGE = 4096;

    @Param({"64", "1024", "65536", "1048576"})
    public String size;

    @Param({"cross-core"})
    public String pinning;

    private final Arena arena = Arena.ofShared();
    private MemorySegment from;
    private MemorySegment to;
    private int bytes;
    private Pinning.Plan cpus;

    @Override
    public void checkParams(Map<String, String> values) {
        Params params = new Params(COPY, values);
        params.size();
        params.pinning().plan();
    }

    @Setup(Level.Trial)
    public void allocate(BenchmarkParams jmh) {
        Params params = TrialParams.of(COPY, jmh);
        bytes = params.size();
        cpus = TrialCpus.prepare(params);
        from = arena.allocate(bytes, PAGE);
        to = arena.allocate(bytes, PAGE);
        from.fill((byte) 0x5A);
    }

    @Setup(Level.Iteration)
    public void pinMeasuringThread() {
        cpus.pinCurrentThreadAsBenchmark();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void copy(OneWayBenchmark.Payload payload) {
        MemorySegment.copy(from, 0, to, 0, bytes);
        payload.bytes += bytes;
    }

    @TearDown(Level.Trial)
    public void free() {
        arena.close();
    }
}
