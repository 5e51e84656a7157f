package io.ipcbench.signal;

import io.ipcbench.bench.AbstractOneWayBenchmark;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;

import java.util.concurrent.TimeUnit;

/**
 * Signals streamed to the peer, each taken with sigtimedwait(2) and counted once taken. Realtime
 * signals queue, so the sender runs up to two acknowledgement batches ahead; a standard signal
 * is a pending bit, and a second one sent before the first is taken would merge with it and be
 * lost, so the sender waits for each one's acknowledgement: STANDARD throughput is one signal per
 * round trip, which is what standard signals can honestly deliver.
 * Left out on purpose: a payload and the {@code bytes} metric (a signal carries none).
 */
public class SignalThroughput extends AbstractOneWayBenchmark {
    /** STANDARD: SIGUSR1 with tgkill; REALTIME: SIGRTMIN with rt_tgsigqueueinfo, carrying a checked sequence number. */
    @Param
    public SignalKind kind;

    public SignalThroughput() {
        super(new SignalMechanism());
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void oneWay() {
        send();
    }
}
