package io.ipcbench.eventfd;

import io.ipcbench.bench.AbstractRoundTripBenchmark;
import io.ipcbench.bench.TrialOpener;
import io.ipcbench.link.FdWait;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Pure eventfd ping-pong: write(2) of 1 into the peer's eventfd, which wakes its read(2); it
 * writes 1 into ours. The 8-byte counter is the whole message and every read must return exactly
 * 1, so this isolates the eventfd's own cost (two system calls and a wake-up per direction with
 * BLOCKING, a spin on non-blocking read(2) with BUSY_POLL) with no payload to copy: the floor
 * under EventfdLatency and a pipe at 8 bytes. The size is implied (8), not a param, so a
 * profile's size list does not multiply it into trials that would all be refused.
 */
public class EventfdCounterLatency extends AbstractRoundTripBenchmark {
    @Param({"COUNTER"})
    public Shape shape;

    @Param
    public FdWait wait;

    public EventfdCounterLatency() {
        super("eventfd", TrialOpener.peer(new EventfdMechanism(), Map.of("size", Integer.toString(EventfdMechanism.COUNTER_BYTES))));
    }

    /** One operation: 1 written into the peer's eventfd and 1 read back from ours. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void roundTrip() {
        roundTripOnce();
    }
}
