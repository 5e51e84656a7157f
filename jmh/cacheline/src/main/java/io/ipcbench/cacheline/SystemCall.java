package io.ipcbench.cacheline;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

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
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SystemCall extends PinnedFloor {
    public SystemCall() {
        super("system call");
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
