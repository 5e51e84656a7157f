package io.ipcbench.bench;

import io.ipcbench.link.Mechanism;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The throughput benchmark every mechanism with a payload extends: each benchmark class declares
 * its {@code oneWay(Payload)} method (Throughput, per second) and calls {@link #oneWayOnce}, so one
 * operation is one message of {@code size} bytes that the peer has consumed. The secondary metric
 * {@code bytes} gives payload bytes per second.
 */
@State(Scope.Thread)
public abstract class OneWayBenchmark extends AbstractOneWayBenchmark {
    @Param({"64", "1024", "65536", "1048576"})
    public String size;

    /** Payload bytes delivered, reported by JMH per second next to the message rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Payload {
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    protected OneWayBenchmark(Mechanism mechanism) {
        super(mechanism);
    }

    protected OneWayBenchmark(String name, TrialOpener opener) {
        super(name, opener);
    }

    /** One message the peer has consumed, its payload added to {@code bytes}: the measured operation of each subclass's {@code oneWay}. */
    protected final void oneWayOnce(Payload payload) {
        send();
        payload.bytes += payloadBytes();
    }
}
