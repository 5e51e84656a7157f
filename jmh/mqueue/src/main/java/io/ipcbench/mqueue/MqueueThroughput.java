package io.ipcbench.mqueue;

import io.ipcbench.bench.OneWayBenchmark;
import io.ipcbench.link.FdWait;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;

import java.util.concurrent.TimeUnit;

/**
 * Messages streamed through a kernel message queue to a peer that receives each one whole and
 * acknowledges each batch through a second queue. {@code depth} is how many messages the queue
 * holds before a sender blocks (POSIX mq_maxmsg; System V msg_qbytes = depth x size, its limit
 * being in bytes): with depth 1 every message waits for the previous one to be taken out, a
 * larger depth lets the sender run ahead so that one wake-up of the receiver drains several.
 * Counted: messages the peer consumed, not sends that returned. Sizes above the kernel's
 * per-message limit (8 KiB by default) are refused, and System V also refuses a depth x size
 * above its per-queue limit (kernel.msgmnb, 16 KiB by default) unless the process may raise it.
 */
public class MqueueThroughput extends OneWayBenchmark {
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

    @Param({"1", "2"})
    public String depth;

    public MqueueThroughput() {
        super(new MqueueMechanism());
    }

    /** One operation: a message of {@code size} bytes sent into the queue and received whole by the peer; {@code bytes} adds its payload. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void oneWay(Payload payload) {
        oneWayOnce(payload);
    }
}
