package io.ipcbench.tcp;

import io.ipcbench.bench.RoundTripBenchmark;
import io.ipcbench.link.FdWait;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;

import java.util.concurrent.TimeUnit;

/**
 * Round trip over one TCP connection on the loopback interface: the message goes down the whole
 * TCP/IP stack (segmentation, the loopback device, receive processing in a softirq) and
 * back up in the peer, then returns the same way. Isolates what TCP costs over a Unix-domain
 * socket or a pipe on one host, the price of being the only mechanism here that can cross hosts
 * (with -Dipcbench.tcp.remote=host:port it does: see TcpPeerServer).
 * Left out on purpose: socket buffer tuning (kernel defaults and autotuning stay as they are).
 * Pitfall avoided: with nodelay=false a message larger than one segment can wait for Nagle's
 * algorithm to meet the peer's delayed acknowledgement (tens of milliseconds); both values are
 * measured, so that stall is visible rather than mistaken for TCP's cost.
 */
public class TcpLatency extends RoundTripBenchmark {
    /** true sets TCP_NODELAY on both ends: every write leaves at once. */
    @Param({"true", "false"})
    public boolean nodelay;

    /** BLOCKING sleeps in read(2) and is woken per message; BUSY_POLL spins on a non-blocking socket. */
    @Param
    public FdWait wait;

    public TcpLatency() {
        super(new TcpMechanism());
    }

    /** One operation: a message of {@code size} bytes sent over the connection and read back whole. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void roundTrip() {
        roundTripOnce();
    }
}
