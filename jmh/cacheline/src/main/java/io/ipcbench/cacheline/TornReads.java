package io.ipcbench.cacheline;

import io.ipcbench.bench.CheckedParams;
import io.ipcbench.bench.TrialCpus;
import io.ipcbench.bench.TrialParams;
import io.ipcbench.link.Params;
import io.ipcbench.os.Pinning;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
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
 * Torn reads (lesson 6): a writer thread flips an 8-byte word between all zeros and all ones, a
 * reader thread on another core reads it and counts values that are neither: {@code offset=60}
 * puts the word across a cache-line boundary, {@code offset=64} is its aligned twin (see
 * {@link TornWord} for why only the first can tear on x86). Secondary metrics, per second:
 * {@code read} (reads), {@code flip} (stores) and {@code tears}; the tear rate per read is
 * {@code tears / read}, both counted over the same iterations. (JMH cannot report the ratio
 * itself: its event counters are summed over iterations and forks, so a ratio would be too.)
 * A rate of zero at offset 60 is a result, not a failure: some CPUs keep split accesses atomic.
 * Pitfall avoided: tears counted before the JIT compiles the accesses into single 8-byte moves
 * come from the JDK's split fallback, not the CPU; warm-up iterations take them.
 */
@State(Scope.Group)
public class TornReads implements CheckedParams {
    @Param({"60", "64"})
    public String offset;

    @Param({"cross-core"})
    public String pinning;

    private TornWord word;
    private Pinning.Plan cpus;

    @Override
    public void checkParams(Map<String, String> values) {
        Params params = new Params(TornWord.NAME, values);
        TornWord.offset(params);
        params.pinning().plan();
    }

    @Setup(Level.Trial)
    public void allocate(BenchmarkParams jmh) {
        Params params = TrialParams.of(TornWord.NAME, jmh);
        word = TornWord.of(params);
        cpus = TrialCpus.prepare(params);
    }

    /** The reader, on the benchmark CPU of the pinning plan; its public field is the {@code tears} metric. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Reader {
        public long tears;

        @Setup(Level.Iteration)
        public void pin(TornReads shared) {
            Cpus.pin(shared.cpus.benchmarkCpu());
        }
    }

    /** The writer, on the peer CPU of the pinning plan, with the pattern it stores next. */
    @State(Scope.Thread)
    public static class Writer {
        long next = -1;

        @Setup(Level.Iteration)
        public void pin(TornReads shared) {
            Cpus.pin(shared.cpus.peerCpu());
        }
    }

    @Benchmark
    @Group("torn")
    @GroupThreads(1)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void read(Reader reader) {
        if (TornWord.torn(word.load())) {
            reader.tears++;
        }
    }

    @Benchmark
    @Group("torn")
    @GroupThreads(1)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void flip(Writer writer) {
        word.store(writer.next);
        writer.next = ~writer.next;
    }

    @TearDown(Level.Trial)
    public void free() {
        word.close();
    }
}
