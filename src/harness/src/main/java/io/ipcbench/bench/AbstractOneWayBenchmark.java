package io.ipcbench.bench;

import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Role;
import io.ipcbench.traffic.OneWay;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The throughput benchmark's life cycle without a {@code size}: one operation is one message the
 * peer has consumed (see {@link OneWay} for how the acknowledgements bound what is in flight),
 * and each iteration ends by draining, so none starts with a full pipeline. Each benchmark class
 * declares its {@code oneWay} benchmark method: through {@link OneWayBenchmark#oneWayOnce} for
 * messages with a payload (that base adds {@code size} and the bytes counter), or calling
 * {@link #send()} itself for messages with none (signals).
 */
@State(Scope.Thread)
public abstract class AbstractOneWayBenchmark extends TrialBenchmark {
    private OneWay stream;
    private int payloadBytes;

    protected AbstractOneWayBenchmark(Mechanism mechanism) {
        super(mechanism);
    }

    /** For benchmarks whose other end is not a peer process of a {@link Mechanism} (the in-process floors). */
    protected AbstractOneWayBenchmark(String name, TrialOpener opener) {
        super(name, opener);
    }

    @Setup(Level.Trial)
    public void startPeer(BenchmarkParams jmh) {
        stream = OneWay.over(open(jmh, Role.SINK));
        payloadBytes = stream.messages().payload();
    }

    @Setup(Level.Iteration)
    public void pinMeasuringThread() {
        stream.pinBenchmarkThread();
    }

    /** One message to the peer, counted once the peer consumed it: the measured operation. */
    protected final void send() {
        stream.send();
    }

    protected final int payloadBytes() {
        return payloadBytes;
    }

    @TearDown(Level.Iteration)
    public void drain() {
        stream.drain(false);
    }

    @TearDown(Level.Trial)
    public void stopPeer() {
        stream.close();
    }
}
