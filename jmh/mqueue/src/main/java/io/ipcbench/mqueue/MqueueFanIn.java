package io.ipcbench.mqueue;

import io.ipcbench.bench.FanInBenchmark;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;

import java.util.concurrent.TimeUnit;

/**
 * Fan-in N to 1 through one kernel message queue ({@link KernelQueueFanIn}): a POSIX queue of 10 messages
 * ({@link PosixQueueFanIn}) or a System V queue of kernel.msgmnb bytes ({@link SysvQueueFanIn}).
 * {@code producers} processes send stamped messages as fast as the queue takes them, this JVM
 * consumes and checks each one. One operation is one message consumed, so the score is the
 * messages per second of all producers together; {@code -prof io.ipcbench.bench.FanInProfiler}
 * adds each iteration's per-producer shares and Jain's fairness index,
 * {@code -prof io.ipcbench.bench.OsCostProfiler} the consumer's OS cost per message
 * ({@code os.bench.*}) and the producers' summed ({@code os.peer.*}).
 */
public class MqueueFanIn extends FanInBenchmark {
    /** 8 bytes at least (the producer and sequence tag), up to the kernel's per-message limit (8 KiB by default). */
    @Param({"64", "1024", "8192"})
    public String size;

    @Param
    public QueueApi api;

    public MqueueFanIn() {
        super(new KernelQueueFanIn());
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void fanIn() {
        consume();
    }
}
