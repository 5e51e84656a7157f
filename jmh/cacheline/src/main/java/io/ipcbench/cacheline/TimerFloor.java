package io.ipcbench.cacheline;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

import java.util.concurrent.TimeUnit;

/**
 * The timer floor: an empty operation, sampled as every round trip of the suite is (SampleTime,
 * ns per op), on the CPU where the trials measure. JMH times a sampled operation with
 * System.nanoTime before and after it, so every latency sample includes that pair of clock reads
 * and the loop around them; here they are all there is. A round trip a few times this figure (a
 * spinning shm one, say) is measured partly in units of the timer, and its percentiles are
 * rounded to the clock's granularity. Each run records its own floor: the clock source, and so
 * this cost, differs between machines and kernels. Left out: everything else. The method is JMH's
 * own empty baseline; it needs no Blackhole, having no result the JIT could drop.
 * Run alone: {@code java -jar jmh/cacheline/target/benchmarks.jar TimerFloor}.
 */
public class TimerFloor extends PinnedFloor {
    public TimerFloor() {
        super("timer floor");
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void empty() {
        // nothing: the samples hold the timer alone
    }
}
