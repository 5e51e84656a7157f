package io.ipcbench.udp;

import io.ipcbench.bench.RoundTripBenchmark;
import io.ipcbench.link.FdWait;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;

import java.util.concurrent.TimeUnit;

/**
 * Round trip of one UDP datagram over the IPv4 loopback: down the UDP/IP stack, through the
 * loopback device and a receive softirq, into the peer's socket, and back. Against uds DGRAM it
 * shows what the IP stack adds to a datagram on one host; against TCP, what a connection's state
 * (sequence numbers, acknowledgements, the congestion window) costs over none.
 * Left out on purpose: crossing hosts (remote mode is TCP's), fragmentation (a datagram fits the
 * loopback's 64 KiB MTU whole), socket buffer tuning (kernel defaults stay).
 * Pitfalls avoided: a datagram lost on the way does not hang the round trip: after 200 ms the
 * benchmark probes the peer, which returns a placeholder echo (request lost) or its reply again
 * (reply lost), so the sample carries the timeout, as it would in an application; a reply of
 * another length fails instead of being cut (MSG_TRUNC); sizes a datagram cannot carry are refused.
 */
public class UdpLatency extends RoundTripBenchmark {
    /** Hides the common sizes: one datagram carries at most 65,491 payload bytes here (65,507 less the link's 16-byte header). */
    @Param({"64", "1024", "8192", "65491"})
    public String size;

    /** BLOCKING sleeps in recvmsg(2) and is woken per datagram; BUSY_POLL retries at once, removing the wake-up. */
    @Param
    public FdWait wait;

    public UdpLatency() {
        super(new UdpMechanism());
    }

    /** One operation: a datagram of {@code size} payload bytes sent to the peer and its echo received whole. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void roundTrip() {
        roundTripOnce();
    }
}
