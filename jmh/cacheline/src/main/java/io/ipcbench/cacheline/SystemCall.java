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
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The system-call floor: what one system call costs when it does nothing, through the same
 * native-call path the mechanisms' read, write and futex calls take (a downcall with errno
 * captured, {@link EmptyCalls}), on the benchmark CPU. {@code getppid} enters and leaves the
 * kernel; {@code getpagesize} is the same downcall answered in user space, so the difference is
 * the kernel's entry and exit: the part that speculative-execution mitigations (buffer clearing
 * on the user/kernel boundary, return-stack stuffing) and the kernel build change. A pipe or a
 * socket pays it on every read and write, so a change of this floor between two runs moves every
 * mechanism that makes system calls, in proportion to how many it makes per message; the OS-cost
 * profiler's {@code os.bench.cpu.system} of this row is an empty call's kernel time, the unit the
 * report counts the mechanisms' calls in. Left out: the work of any real call (copies, locks,
 * wake-ups) and the cold caches of a call made once in a while: a tight loop keeps the kernel's
 * entry path hot. Mean time per call (AverageTime): a call takes well under a microsecond, and
 * SampleTime would add its own timer reads to each sample.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SystemCall implements CheckedParams {
    private static final String NAME = "system call";

    @Param({"cross-core"})
    public String pinning;

    private Pinning.Plan cpus;

    @Override
    public void checkParams(Map<String, String> values) {
        new Params(NAME, values).pinning().plan();
    }

    @Setup(Level.Trial)
    public void plan(BenchmarkParams jmh) {
        cpus = TrialCpus.prepare(TrialParams.of(NAME, jmh));
    }

    @Setup(Level.Iteration)
    public void pinMeasuringThread() {
        cpus.pinCurrentThreadAsBenchmark();
    }

    @Benchmark
    public int getppid() {
        return EmptyCalls.getppid();
    }

    @Benchmark
    public int getpagesize() {
        return EmptyCalls.getpagesize();
    }
}
