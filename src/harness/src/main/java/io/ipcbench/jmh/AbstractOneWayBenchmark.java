package io.ipcbench.jmh;

import io.ipcbench.link.Mechanism;
import io.ipcbench.traffic.OneWay;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The throughput benchmark's life cycle without a {@code size} and without the measured method:
 * the peer started per trial, the measuring thread pinned per iteration, the pipeline drained
 * after each one. {@link OneWayBenchmark} adds {@code size} and {@code oneWay} with its
 * payload-bytes counter; a mechanism whose messages carry no payload (signals) extends this and
 * declares a plain {@code oneWay} calling {@link #send}.
 */
@State(Scope.Thread)
public abstract class AbstractOneWayBenchmark {
    @Param({"cross-core"})
    public String pinning;

    private final Mechanism mechanism;
    private OneWay stream;
    private int payloadBytes;

    protected AbstractOneWayBenchmark(Mechanism mechanism) {
        this.mechanism = mechanism;
    }

    @Setup(Level.Trial)
    public void startPeer(BenchmarkParams jmh) {
        stream = OneWay.start(mechanism, TrialParams.of(mechanism.name(), jmh));
        payloadBytes = stream.session().messages().payload();
    }

    @Setup(Level.Iteration)
    public void pinMeasuringThread() {
        stream.session().pinBenchmarkThread();
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
