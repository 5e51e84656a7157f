package io.ipcbench.uds;

import io.ipcbench.bench.ServerBenchmark;
import io.ipcbench.peer.ServerSession;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;

import java.util.concurrent.TimeUnit;

/**
 * One client's request and reply through a server that waits on Unix domain STREAM connections with epoll, under
 * load: this JVM is client 1 of {@code clients}, a server process answers every connection, and
 * {@code clients} - 1 load client processes do round trips back to back (UdsServer). The score
 * is this client's round trip (SampleTime, never halved): with more clients the server has more
 * requests ready at each wake-up, and this one waits its turn.
 * Against TcpServerLatency (jmh/tcp) it tests the claim that a Unix socket instead of TCP loopback
 * cuts a request's latency by 15-25 %.
 * Left out on purpose: connection set-up (once per trial) and any work per request but the echo.
 * Pitfalls avoided: each request carries its client, its sequence number and a pattern, the
 * server checks every request and the client every reply (a stream may split a message: both
 * sides loop on short reads); nothing is allocated per request.
 * @see UdsServerThroughput
 */
public class UdsServerLatency extends ServerBenchmark {
    /** 8 bytes at least (the client and sequence tag). */
    @Param({"64", "1024"})
    public String size;

    public UdsServerLatency() {
        super(new UdsServer(), ServerSession.Measured.LATENCY);
    }

    /** One operation: a request of {@code size} bytes to the server and its reply back, whole and checked. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void request() {
        clientRoundTrip();
    }
}
