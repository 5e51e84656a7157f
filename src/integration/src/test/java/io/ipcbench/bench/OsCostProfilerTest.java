package io.ipcbench.bench;

import io.ipcbench.os.TwoCores;
import io.ipcbench.pipe.PipeMechanism;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The profiler in real JMH runs: one fork, a peer process, blocking pipes. Every measured
 * iteration carries both processes' costs, including the last one, whose trial tear-down JMH runs
 * (stopping the peer) before the profiler reads it, and a single iteration, which also holds the
 * trial's set-up. The figures must be what a blocking pipe costs: per round trip each side
 * sleeps in read(2), and spends CPU time in the kernel to do so.
 */
public class OsCostProfilerTest {
    private static final List<String> SIDES = List.of("os.bench", "os.peer");
    private static final List<String> FIGURES = List.of(".csw.voluntary", ".csw.involuntary", ".cpu.user", ".cpu.system");
    private static final long MEASURE_MILLIS = 500;

    /** The two sides on two cores where this machine has them: "each side sleeps once per round trip" holds there only. */
    private static final boolean TWO_CORES = TwoCores.available("OsCostProfilerTest", "the two sides share one core");

    /** Round trips through blocking pipes. */
    public static class RoundTrips extends RoundTripBenchmark {
        public RoundTrips() {
            super("pipe", TrialOpener.peer(new PipeMechanism(), Map.of("wait", "BLOCKING")));
        }

        @Benchmark
        @BenchmarkMode(Mode.SampleTime)
        @OutputTimeUnit(TimeUnit.NANOSECONDS)
        public void roundTrip() {
            roundTripOnce();
        }
    }

    /** A stream through blocking pipes: each iteration ends with its tear-down draining the pipeline. */
    public static class Stream extends OneWayBenchmark {
        public Stream() {
            super("pipe", TrialOpener.peer(new PipeMechanism(), Map.of("wait", "BLOCKING")));
        }

        @Benchmark
        @BenchmarkMode(Mode.Throughput)
        @OutputTimeUnit(TimeUnit.SECONDS)
        public void oneWay(Payload payload) {
            oneWayOnce(payload);
        }
    }

    @BeforeAll
    static void ignoreJmhLock() {
        // JMH's lock keeps two measuring runs apart; this test checks figures, not speed, on a shared machine
        System.setProperty("jmh.ignoreLock", "true");
    }

    /** A warm-up opens the trial; the last of two measured iterations closes it, as the compare profile's only one does. */
    @Test
    void theLastIterationCarriesBothProcessesCosts() throws RunnerException {
        for (RunResult trial : run(options().warmupIterations(1).measurementIterations(2))) {
            checkEveryIteration(trial, 2);
        }
    }

    /** Without warm-up, one iteration holds the trial's set-up and tear-down: its costs start once the peer serves. */
    @Test
    void aSingleIterationCarriesBothProcessesCosts() throws RunnerException {
        for (RunResult trial : run(options().warmupIterations(0).measurementIterations(1))) {
            checkEveryIteration(trial, 1);
        }
    }

    private static ChainedOptionsBuilder options() {
        return new OptionsBuilder()
                .include(OsCostProfilerTest.class.getName() + "\\.(RoundTrips|Stream)\\.")
                .param("size", "64")
                .param("pinning", TWO_CORES ? "cross-core" : "same-core")
                .forks(1)
                .warmupTime(TimeValue.milliseconds(300))
                .measurementTime(TimeValue.milliseconds(MEASURE_MILLIS))
                .addProfiler(OsCostProfiler.class)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT);
    }

    private static Collection<RunResult> run(ChainedOptionsBuilder options) throws RunnerException {
        Collection<RunResult> trials = new Runner(options.build()).run();
        assertEquals(2, trials.size(), "a round-trip and a stream trial ran");
        return trials;
    }

    private static void checkEveryIteration(RunResult trial, int iterations) {
        String benchmark = trial.getParams().getBenchmark();
        List<IterationResult> measured = new ArrayList<>();
        trial.getBenchmarkResults().forEach(fork -> measured.addAll(fork.getIterationResults()));
        assertEquals(iterations, measured.size(), benchmark + ": measured iterations");
        for (int i = 0; i < measured.size(); i++) {
            IterationResult iteration = measured.get(i);
            String where = benchmark + ", iteration " + (i + 1) + " of " + iterations + ": ";
            Map<String, Double> costs = new TreeMap<>();
            iteration.getSecondaryResults().forEach((label, result) -> costs.put(label, result.getScore()));
            long ops = iteration.getMetadata().getMeasuredOps();
            for (String side : SIDES) {
                for (String figure : FIGURES) {
                    assertTrue(costs.containsKey(side + figure), where + side + figure + " is missing: " + costs.keySet());
                    assertTrue(costs.get(side + figure) >= 0, where + side + figure + " = " + costs.get(side + figure));
                }
                double cpuPerOp = costs.get(side + ".cpu.user") + costs.get(side + ".cpu.system");
                // a process cannot use more than all the CPUs for the iteration, plus JMH's own time between readings (generous: 5 s)
                double mostPerOp = Runtime.getRuntime().availableProcessors() * (MEASURE_MILLIS + 5_000) * 1e6 / ops;
                assertTrue(cpuPerOp <= mostPerOp, where + side + " used " + cpuPerOp + " ns of CPU per op, more than " + mostPerOp);
                if (benchmark.endsWith("RoundTrips.roundTrip")) {
                    checkBlockingRoundTrip(where + side, costs, side, cpuPerOp);
                }
            }
        }
    }

    /**
     * Each side waits in read(2) for every answer. On two cores the answer comes microseconds later
     * (the other side must be woken on its own CPU): a side sleeps once per round trip on an idle
     * machine, or is preempted instead where busy processes share the CPUs and finds the answer
     * waiting (see ProcessCostTest), so at least 0.1 of its switches are voluntary. On one core a
     * side must leave the CPU for the other to answer. Either way at least ~1 switch per op (0.9
     * allows for a rare early answer). No upper bound: the JVMs' other threads (JIT, GC, JMH) sleep
     * too, and a cold iteration on a loaded machine may hold few round trips (19.5 voluntary switches
     * per round trip were seen so). Two system calls and a switch take the kernel at least a
     * microsecond of CPU.
     */
    private static void checkBlockingRoundTrip(String where, Map<String, Double> costs, String side, double cpuPerOp) {
        double voluntary = costs.get(side + ".csw.voluntary");
        double switches = voluntary + costs.get(side + ".csw.involuntary");
        assertTrue(switches >= 0.9 && (voluntary >= 0.1 || !TWO_CORES),
                where + ": " + voluntary + " voluntary context switches per round trip of " + switches + " in all");
        assertTrue(cpuPerOp >= 1_000, where + ": " + cpuPerOp + " ns of CPU per round trip");
    }
}
