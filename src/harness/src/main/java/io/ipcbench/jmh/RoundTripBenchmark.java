package io.ipcbench.jmh;

import io.ipcbench.link.Mechanism;
import org.openjdk.jmh.annotations.Param;

import java.util.Map;

/**
 * The latency benchmark every mechanism module extends: {@code roundTrip} sends one message of
 * {@code size} bytes to the peer process and waits for it to come back whole. SampleTime keeps
 * every sample's distribution (p50 to p99.99 and max), in nanoseconds per round trip.
 * Subclasses add their mechanism's {@code @Param}s; every param reaches the mechanism.
 */
public abstract class RoundTripBenchmark extends RoundTripTrial {
    @Param({"64", "1024", "65536", "1048576"})
    public String size;

    protected RoundTripBenchmark(Mechanism mechanism) {
        super(mechanism, Map.of());
    }
}
