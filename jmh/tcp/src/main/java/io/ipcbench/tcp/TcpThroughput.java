package io.ipcbench.tcp;

import io.ipcbench.bench.OneWayBenchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * Messages streamed over one loopback TCP connection to a peer that reads every byte and
 * acknowledges each batch on the same connection. TCP's send and receive buffers (autotuned,
 * megabytes) absorb bursts, so small messages coalesce into large segments; what is counted is
 * still messages the peer consumed, never writes that returned.
 * Left out on purpose: socket buffer tuning and zero-copy sends (MSG_ZEROCOPY, sendfile).
 */
public class TcpThroughput extends OneWayBenchmark {
    /** true sets TCP_NODELAY on both ends: every write leaves at once instead of being coalesced. */
    @Param({"true", "false"})
    public String nodelay;

    /** BLOCKING sleeps in read(2) and is woken per message; BUSY_POLL spins on a non-blocking socket. */
    @Param({"BLOCKING", "BUSY_POLL"})
    public String wait;

    public TcpThroughput() {
        super(new TcpMechanism());
    }
}
