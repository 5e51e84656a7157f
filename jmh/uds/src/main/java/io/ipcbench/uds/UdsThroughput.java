package io.ipcbench.uds;

import io.ipcbench.bench.OneWayBenchmark;
import io.ipcbench.link.FdWait;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;

import java.util.concurrent.TimeUnit;

/**
 * Messages streamed through a Unix domain socket to a peer that copies each one out and
 * acknowledges each batch on the same socket. Every type costs a send and a receive call per
 * message here (the reader asks for exactly one message at a time), so what differs is the
 * socket type's own path: STREAM appends to a byte queue and may move a large message in
 * several calls; SEQPACKET and DGRAM queue one buffer per message and deliver it whole. A
 * SEQPACKET or DGRAM sender is paced by its own send buffer (AF_UNIX charges a message to its
 * sender until it is received), raised only when the default cannot hold one message. With
 * {@code transfer=FD_PASSING} each message is a sealed memfd passed in SCM_RIGHTS (the peer's
 * acknowledgements too), so the socket buffer holds small headers with their descriptors, and a
 * message of any size is one call each side.
 * Counted: messages the peer consumed (read out of the memfd, every byte), not sends that returned.
 */
public class UdsThroughput extends OneWayBenchmark {
    @Param
    public SocketType type;

    /** BLOCKING sleeps in the kernel and is woken per message; BUSY_POLL retries at once, removing the wake-up. */
    @Param
    public FdWait wait;

    /**
     * COPY: the payload goes through the socket. FD_PASSING: a sealed memfd holding it does, in
     * SCM_RIGHTS; the sender writes and seals a fresh memfd per message, the receiver checks the
     * seals, preads every byte and closes it.
     */
    @Param
    public Transfer transfer;

    public UdsThroughput() {
        super(new UdsMechanism());
    }

    /** One operation: a message of {@code size} bytes sent through the socket and received by the peer; {@code bytes} adds its payload. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void oneWay(Payload payload) {
        oneWayOnce(payload);
    }
}
