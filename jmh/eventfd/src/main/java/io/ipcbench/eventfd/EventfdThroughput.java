package io.ipcbench.eventfd;

import io.ipcbench.bench.OneWayBenchmark;
import io.ipcbench.link.FdWait;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;

import java.util.concurrent.TimeUnit;

/**
 * Messages streamed through a shared-memory ring to a peer that copies each one out, with an
 * eventfd doorbell to wake whichever side sleeps. With 64 slots the writer runs ahead and rings
 * only when it finds the reader asleep, so a busy stream makes few system calls: the doorbell
 * costs what the reader's sleeping costs, not a call per message (-p capacity=1 forces a
 * hand-off per message). Left out: COUNTER, which adds up writes not yet read and so cannot
 * carry a stream of distinct messages, nor the acknowledgement counts this benchmark checks.
 */
public class EventfdThroughput extends OneWayBenchmark {
    @Param({"RING"})
    public Shape shape;

    @Param
    public FdWait wait;

    /** Microseconds a reader spins on the ring before it reads its eventfd; 0 reads at once. */
    @Param({"0"})
    public String spin;

    @Param({"64"})
    public String capacity;

    public EventfdThroughput() {
        super(new EventfdMechanism());
    }

    /** One operation: a message of {@code size} bytes copied into the ring and out of it by the peer; {@code bytes} adds its payload. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void oneWay(Payload payload) {
        oneWayOnce(payload);
    }
}
