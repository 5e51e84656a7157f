package io.ipcbench.bench;

import io.ipcbench.link.Mechanism;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The latency benchmark every mechanism with a payload extends: {@code roundTrip} sends one
 * message of {@code size} bytes to the other end and waits for it to come back whole.
 */
@State(Scope.Thread)
public abstract class RoundTripBenchmark extends AbstractRoundTripBenchmark {
    @Param({"64", "1024", "65536", "1048576"})
    public String size;

    protected RoundTripBenchmark(Mechanism mechanism) {
        super(mechanism);
    }

    protected RoundTripBenchmark(String name, TrialOpener opener) {
        super(name, opener);
    }
}
