package io.ipcbench.bench;

import io.ipcbench.link.Params;
import io.ipcbench.link.Server;
import io.ipcbench.peer.ServerSession;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.Map;

/**
 * The request/response benchmarks a stream socket's module extends: {@code clients} client
 * processes do round trips with one server that waits on their connections with epoll
 * ({@link ServerSession}). Each request carries its client, the client's sequence number and a
 * pattern; the server checks every request and each client every reply. Two measurements, two
 * roles for this JVM ({@link ServerSession.Measured}):
 * <ul>
 * <li>latency: this JVM is client 1 of C, and each operation one of its own round trips, while
 * C - 1 load client processes keep the server busy (SampleTime: the percentiles of one client's
 * request under load);
 * <li>throughput: this JVM is the server, and each operation one request it answered, from
 * whichever of the C client processes sent one (the server's requests per second, all clients
 * together, counted where they are answered: a client-side count would need every client's
 * clock and report).
 * </ul>
 * Each subclass declares {@code size} and its benchmark method calling {@link #clientRoundTrip} or {@link #serveOneRequest}.
 */
@State(Scope.Thread)
public abstract class ServerBenchmark implements CheckedParams {
    @Param({"cross-core"})
    public String pinning;

    @Param({"1", "2", "4", "8"})
    public String clients;

    private final Server server;
    private final ServerSession.Measured measured;
    private ServerSession session;

    protected ServerBenchmark(Server server, ServerSession.Measured measured) {
        this.server = server;
        this.measured = measured;
    }

    @Override
    public final void checkParams(Map<String, String> values) {
        ServerSession.check(server, new Params(server.name(), values));
    }

    @Setup(Level.Trial)
    public void startPeers(BenchmarkParams jmh) {
        Params params = TrialParams.of(server.name(), jmh);
        ServerSession.check(server, params);
        TrialCpus.prepare(params);
        session = ServerSession.open(server, params, measured);
        System.out.println("# ipcbench server: " + session.describeCpus());
    }

    @Setup(Level.Iteration)
    public void beginIteration() {
        session.pinBenchmarkThread();
        session.iterationBegins();
    }

    /** Latency: one round trip of this JVM's, client 1 of C, checked. */
    protected final void clientRoundTrip() {
        session.roundTrip();
    }

    /** Throughput: one request answered by this JVM, the server, checked. */
    protected final void serveOneRequest() {
        session.serveOne();
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        session.iterationEnds();
    }

    @TearDown(Level.Trial)
    public void stopPeers() {
        session.close();
    }
}
