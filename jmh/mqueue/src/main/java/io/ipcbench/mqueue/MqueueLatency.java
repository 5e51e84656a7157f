package io.ipcbench.mqueue;

import io.ipcbench.bench.RoundTripBenchmark;
import io.ipcbench.link.FdWait;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;

import java.util.concurrent.TimeUnit;

/**
 * Round trip through two kernel message queues: the message is copied into the kernel by one
 * send, the peer is woken, copies it out whole with one receive and sends it back through the
 * other queue. Unlike a pipe, the kernel keeps the message as a unit: one call per message
 * whatever its size, but only up to the kernel's per-message limit (msgsize_max for POSIX,
 * msgmax for System V, 8 KiB by default): larger sizes are refused, never truncated.
 * POSIX and System V differ in what surrounds the copy: a descriptor and a red-black tree of
 * priorities against a numbered queue and a {@code long} type in front of every message (which
 * costs System V one extra user-space copy per call here). BLOCKING sleeps in the kernel and
 * pays a wake-up per direction; BUSY_POLL retries non-blocking calls and pays a CPU instead.
 * Left out on purpose: priorities and asynchronous notification (mq_notify), which a round
 * trip of one message never needs. {@code depth} hardly matters with one message in flight.
 */
public class MqueueLatency extends RoundTripBenchmark {
    /**
     * Hides the common default (64 B to 1 MiB): a run without -p size stays within 8 KiB, the
     * per-message limit of a default kernel (sizes above this kernel's limit are refused).
     */
    @Param({"64", "1024", "8192"})
    public String size;


    @Param
    public QueueApi api;

    /** BLOCKING sleeps in the receive and is woken per message; BUSY_POLL spins on EAGAIN/ENOMSG, removing the wake-up. */
    @Param
    public FdWait wait;

    @Param({"1"})
    public String depth;

    public MqueueLatency() {
        super(new MqueueMechanism());
    }

    /** One operation: a message of {@code size} bytes sent into one queue and received back whole from the other. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void roundTrip() {
        roundTripOnce();
    }
}
