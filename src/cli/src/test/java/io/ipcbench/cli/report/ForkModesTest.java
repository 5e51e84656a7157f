package io.ipcbench.cli.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipcbench.cli.results.Fixtures;
import io.ipcbench.cli.results.Histogram;
import io.ipcbench.cli.results.JmhResult;
import io.ipcbench.cli.results.Metric;
import io.ipcbench.cli.results.Run;
import io.ipcbench.cli.results.Units;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which results ran in two modes across forks: forks in two groups further apart than their own
 * noise, and further than the diff's threshold; the probe of each fork says whether its CPUs were
 * in another mode too.
 */
class ForkModesTest {
    @TempDir
    Path dir;

    @Test
    void theSpinningRowOfTheReferenceCompareRunIsSplitAndItsSlowForksNamed() {
        // ShmThroughput SPIN, 64 B, capacity 1: one 1 s iteration per fork, M msgs/s
        JmhResult row = throughput(probes(180, 650, 190, 640, 185), fork(9.82e6), fork(2.15e6), fork(7.91e6), fork(2.16e6), fork(8.12e6));
        ForkModes.Split split = ForkModes.of(row).orElseThrow();
        assertArrayEquals(new boolean[] {false, true, false, true, false}, split.slow());
        assertEquals(Optional.of(true), split.probeAgrees(), "the slow forks probed slower");
    }

    @Test
    void aProbeThatDoesNotFollowTheModesSaysSo() {
        JmhResult row = throughput(probes(180, 185, 650, 190, 640), fork(9.82e6), fork(2.15e6), fork(7.91e6), fork(2.16e6), fork(8.12e6));
        assertEquals(Optional.of(false), ForkModes.of(row).orElseThrow().probeAgrees());
        JmhResult unprobed = throughput(Map.of(), fork(9.82e6), fork(2.15e6), fork(7.91e6), fork(2.16e6), fork(8.12e6));
        assertEquals(Optional.empty(), ForkModes.of(unprobed).orElseThrow().probeAgrees());
    }

    @Test
    void aWideScatterIsNoSplit() {
        // PipeThroughput BLOCKING 64 B of a reference run: 1.35 to 1.82 M/s, no gap wider than the groups
        assertEquals(Optional.empty(), ForkModes.of(throughput(Map.of(), fork(1.35e6), fork(1.61e6), fork(1.82e6), fork(1.78e6), fork(1.57e6))));
    }

    @Test
    void twoForksOfOneIterationShowNoNoiseToJudgeBy() {
        assertEquals(Optional.empty(), ForkModes.of(throughput(Map.of(), fork(1e6), fork(3e6))));
    }

    @Test
    void twoForksAreSplitWhenTheirOwnIterationsAreTight() {
        assertTrue(ForkModes.of(throughput(Map.of(), fork(1.00e6, 1.01e6, 0.99e6), fork(3.0e6, 3.02e6, 2.98e6))).isPresent());
        assertEquals(Optional.empty(), ForkModes.of(throughput(Map.of(), fork(0.5e6, 1.5e6, 1.0e6), fork(3.0e6, 2.0e6, 4.0e6))),
                "iterations that scatter more than a third of the gap make it noise");
    }

    @Test
    void groupsCloserThanTheDiffsThresholdAreOneMode() {
        JmhResult row = throughput(Map.of(), fork(1.000e6), fork(1.001e6), fork(1.050e6), fork(1.051e6), fork(1.0505e6));
        assertEquals(Optional.empty(), ForkModes.of(row), "5 % apart, however tight the groups");
    }

    @Test
    void aRoundTripIsJudgedOnEachForksMedianAndItsSlowForksAreTheLongerOnes() {
        // every fork's mean is the same 1 µs, but two forks have a median of 400 ns and three of 200 ns
        JmhResult row = latency(latencyFork(400, 1600), latencyFork(200, 1800), latencyFork(200, 1800), latencyFork(400, 1600),
                latencyFork(200, 1800));
        ForkModes.Split split = ForkModes.of(row).orElseThrow();
        assertArrayEquals(new boolean[] {true, false, false, true, false}, split.slow());
        assertArrayEquals(new double[] {400, 200, 200, 400, 200}, split.values());
    }

    @Test
    void theSplitsOfRealRunsAreTheRowsThatPlainlyRanInTwoModes() {
        // five forks of one iteration each, the same build twice (see src/test/resources/runs/README.md)
        assertEquals(List.of("PipeLatency.roundTrip size=64 wait=BUSY_POLL"),
                names(Run.load(Fixtures.copy(Fixtures.SAME_BUILD_FIRST, dir))), "forks at 1.67, 1.60, 2.78, 2.75, 2.79 µs");
        assertEquals(List.of("PipeLatency.roundTrip size=64 wait=BUSY_POLL", "PipeThroughput.oneWay size=64 wait=BUSY_POLL",
                        "PipeThroughput.oneWay size=65536 wait=BUSY_POLL"),
                names(Run.load(Fixtures.copy(Fixtures.SAME_BUILD_SECOND, dir))),
                "1.62, 1.62, 1.63 against 1.33, 1.34 µs; 1.05, 1.13 against 1.76 to 1.89 M/s; 27.7 and 31.0 against 45.6 to 49.1 k/s");
    }

    @Test
    void aRunOfOneForkPerResultHasNothingToSplit() {
        Run run = Run.load(Fixtures.copy(Fixtures.QUICK, dir));
        assertEquals(List.of(), ForkModes.in(run));
        assertEquals(Optional.empty(), ForkModes.summary(run));
    }

    private static List<String> names(Run run) {
        return ForkModes.in(run).stream().map(s -> s.result().shortName() + " " + new ParamNames(List.of(s.result())).constant()
                .replace("pinning=cross-core ", "")).sorted().toList();
    }

    static Metric.Fork fork(double... iterations) {
        return new Metric.Fork(iterations, List.of());
    }

    /** One fork of one SampleTime iteration: half its samples at {@code median} ns, half at {@code slow} ns. */
    private static Metric.Fork latencyFork(double median, double slow) {
        Histogram histogram = new Histogram(new double[] {median, slow}, new long[] {50, 50});
        return new Metric.Fork(new double[] {histogram.mean()}, List.of(histogram));
    }

    /** The probe figure of each fork, as ProbeProfiler reports it: the same in every iteration of a fork. */
    static Map<String, Metric> probes(double... perFork) {
        List<Metric.Fork> forks = Arrays.stream(perFork).mapToObj(ForkModesTest::fork).toList();
        return Map.of(ForkModes.PROBE, metric("ns", forks));
    }

    static JmhResult throughput(Map<String, Metric> secondary, Metric.Fork... forks) {
        return result("thrpt", "io.ipcbench.shm.ShmThroughput.oneWay", metric(Units.OPS_PER_S, List.of(forks)), secondary);
    }

    private static JmhResult latency(Metric.Fork... forks) {
        return result("sample", "io.ipcbench.shm.ShmLatency.roundTrip", metric(Units.NS_PER_OP, List.of(forks)), Map.of());
    }

    private static Metric metric(String unit, List<Metric.Fork> forks) {
        double score = forks.stream().mapToDouble(Metric.Fork::mean).average().orElseThrow();
        return new Metric(score, Double.NaN, Double.NaN, Double.NaN, unit, new TreeMap<>(), new ArrayList<>(forks));
    }

    private static JmhResult result(String mode, String benchmark, Metric primary, Map<String, Metric> secondary) {
        var timing = new JmhResult.Timing(primary.forks().size(), 1, 1, primary.forks().getFirst().iterations().length, 1);
        return new JmhResult("shm", benchmark, mode, new TreeMap<>(Map.of("size", "64", "sync", "SPIN")), primary, secondary, timing);
    }
}
