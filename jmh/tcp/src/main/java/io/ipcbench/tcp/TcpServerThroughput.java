package io.ipcbench.tcp;

import io.ipcbench.bench.ServerBenchmark;
import io.ipcbench.peer.ServerSession;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;

import java.util.concurrent.TimeUnit;

/**
 * A server's requests answered per second over TCP loopback connections: this JVM is the server, waiting on
 * {@code clients} connections with epoll, and {@code clients} client processes do round trips
 * back to back (TcpServer). One operation is one request read whole, checked and answered, from
 * whichever client's is ready: the score counts requests where they are answered, all clients
 * together.
 * Against UdsServerThroughput (jmh/uds): what the TCP/IP stack costs a server on one host.
 * Left out on purpose: connection set-up (once per trial) and any work per request but the echo.
 * Pitfalls avoided: a request counts once answered, not once sent; each request carries its
 * client, its sequence number and a pattern, checked by the server, and each client checks its
 * replies; nothing is allocated per request.
 * @see TcpServerLatency
 */
public class TcpServerThroughput extends ServerBenchmark {
    /** 8 bytes at least (the client and sequence tag). */
    @Param({"64", "1024"})
    public String size;

    public TcpServerThroughput() {
        super(new TcpServer(), ServerSession.Measured.THROUGHPUT);
    }

    /** One operation: one request answered, whole and checked. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void serve() {
        serveOneRequest();
    }
}
