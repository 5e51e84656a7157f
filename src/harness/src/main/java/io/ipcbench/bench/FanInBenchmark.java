package io.ipcbench.bench;

import io.ipcbench.link.FanIn;
import io.ipcbench.link.Params;
import io.ipcbench.peer.FanInSession;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The fan-in benchmark a mechanism's module extends: {@code producers} producer processes send into
 * one kernel object and this JVM consumes ({@link FanInSession}). One operation is one message
 * consumed and verified (its producer, its sequence number within that producer, its bytes), so
 * JMH's primary result is messages consumed per second by all producers together. Each subclass
 * declares {@code size} (its mechanism's limits) and its {@code fanIn} benchmark method calling
 * {@link #consume}. The per-producer shares of each iteration go to {@link FanInProfiler}.
 */
@State(Scope.Thread)
public abstract class FanInBenchmark implements CheckedParams {
    /** What the last iteration delivered, for {@link FanInProfiler}. */
    static final AtomicReference<IterationTally> LAST_ITERATION = new AtomicReference<>();

    /**
     * The messages each producer delivered whole in one iteration, by index, and how many of them
     * arrived interleaved with other producers' bytes (counted only where {@code countsInterleaving}).
     */
    record IterationTally(long[] delivered, long interleaved, boolean countsInterleaving) {}

    @Param({"cross-core"})
    public String pinning;

    @Param({"1", "2", "4", "8"})
    public String producers;

    private final FanIn fanIn;
    private FanInSession session;
    private long[] atIterationStart;
    private long interleavedAtIterationStart;

    protected FanInBenchmark(FanIn fanIn) {
        this.fanIn = fanIn;
    }

    @Override
    public final void checkParams(Map<String, String> values) {
        FanInSession.check(fanIn, new Params(fanIn.name(), values));
    }

    @Setup(Level.Trial)
    public void startProducers(BenchmarkParams jmh) {
        Params params = TrialParams.of(fanIn.name(), jmh);
        FanInSession.check(fanIn, params);
        TrialCpus.prepare(params);
        session = FanInSession.open(fanIn, params);
        System.out.println("# ipcbench fan-in: " + session.describeCpus());
    }

    @Setup(Level.Iteration)
    public void beginIteration() {
        session.pinConsumerThread();
        atIterationStart = session.delivered();
        interleavedAtIterationStart = session.interleaved();
        session.iterationBegins();
    }

    /**
     * One message's worth of bytes consumed and verified: the measured operation of each subclass's
     * {@code fanIn}. With whole messages, one message; on a byte stream whose writes interleave, as
     * many bytes, the messages completed being counted apart (per-producer shares).
     */
    protected final void consume() {
        session.receive();
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        session.iterationEnds();
        long[] now = session.delivered();
        for (int i = 0; i < now.length; i++) {
            now[i] -= atIterationStart[i];
        }
        LAST_ITERATION.set(new IterationTally(now, session.interleaved() - interleavedAtIterationStart,
                session.framing() == FanIn.Framing.WORDS));
    }

    @TearDown(Level.Trial)
    public void stopProducers() {
        session.close();
    }
}
