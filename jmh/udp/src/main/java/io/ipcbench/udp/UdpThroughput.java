package io.ipcbench.udp;

import io.ipcbench.bench.OneWayBenchmark;
import io.ipcbench.link.FdWait;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * Datagrams streamed over the IPv4 loopback to a peer that copies each one out and acknowledges
 * each batch. UDP has no flow control: a sender outrunning its receiver fills the receive buffer
 * and the kernel drops what comes next, silently. Here the sender stays within half of what the
 * peer's receive buffer holds (the acknowledgement window, sized from net.core.rmem_default), so
 * an idle loopback loses nothing; a datagram lost anyway is counted by the peer (a gap in the
 * sequence numbers, or a probe after 200 ms that finds the tail missing) and stands in the
 * count as a placeholder, so the stream goes on.
 * Counted: datagrams sent within the acknowledged window, each consumed by the peer or counted
 * in the secondary metric {@code drops} (datagrams lost per second, beside the rate: their
 * ratio is the loss rate, and consumed = ops - drops).
 */
public class UdpThroughput extends OneWayBenchmark {
    /** Hides the common sizes: one datagram carries at most 65,491 payload bytes here (65,507 less the link's 16-byte header). */
    @Param({"64", "1024", "8192", "65491"})
    public String size;

    /** BLOCKING sleeps in recvmsg(2) and is woken per datagram; BUSY_POLL retries at once, removing the wake-up. */
    @Param
    public FdWait wait;

    private final UdpMechanism udp;
    /** The peer's count of drops when last read, across iterations: drops found while one iteration drains count in the next. */
    private long dropsSeen;

    public UdpThroughput() {
        this(new UdpMechanism());
    }

    private UdpThroughput(UdpMechanism udp) {
        super(udp);
        this.udp = udp;
    }

    /** Datagrams the peer found missing, reported by JMH per second next to the message rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Lost {
        public long drops;

        @Setup(Level.Iteration)
        public void reset() {
            drops = 0;
        }
    }

    /** One operation: a datagram of {@code size} payload bytes sent to the peer; {@code bytes} adds its payload, {@code drops} what the peer found missing. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void oneWay(Payload payload, Lost lost) {
        oneWayOnce(payload);
        long drops = udp.drops();
        lost.drops += drops - dropsSeen;
        dropsSeen = drops;
    }
}
