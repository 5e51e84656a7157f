package io.ipcbench.tcp;

import io.ipcbench.bench.OneWayBenchmark;
import io.ipcbench.link.FdWait;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;

import java.util.concurrent.TimeUnit;

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
    public boolean nodelay;

    /** BLOCKING sleeps in read(2) and is woken per message; BUSY_POLL spins on a non-blocking socket. */
    @Param
    public FdWait wait;

    public TcpThroughput() {
        super(new TcpMechanism());
    }

    /** One operation: a message of {@code size} bytes sent over the connection and read by the peer; {@code bytes} adds its payload. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void oneWay(Payload payload) {
        oneWayOnce(payload);
    }
}
