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
 * A server's requests answered per second over Unix domain STREAM connections: this JVM is the server, waiting on
 * {@code clients} connections with epoll, and {@code clients} client processes do round trips
 * back to back (UdsServer). One operation is one request read whole, checked and answered, from
 * whichever client's is ready: the score counts requests where they are answered, all clients
 * together.
 * Against TcpServerThroughput (jmh/tcp) it tests the claim that a Unix socket instead of TCP
 * loopback gives a server about 40 % more throughput.
 * Left out on purpose: connection set-up (once per trial) and any work per request but the echo.
 * Pitfalls avoided: a request counts once answered, not once sent; each request carries its
 * client, its sequence number and a pattern, checked by the server, and each client checks its
 * replies; nothing is allocated per request.
 * @see UdsServerLatency
 */
public class UdsServerThroughput extends ServerBenchmark {
    /** 8 bytes at least (the client and sequence tag). */
    @Param({"64", "1024"})
    public String size;

    public UdsServerThroughput() {
        super(new UdsServer(), ServerSession.Measured.THROUGHPUT);
    }

    /** One operation: one request answered, whole and checked. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void serve() {
        serveOneRequest();
    }
}
