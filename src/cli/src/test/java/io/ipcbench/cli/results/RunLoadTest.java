package io.ipcbench.cli.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading real run folders: JMH's JSON in base units, histograms, secondary metrics, run.json. */
public class RunLoadTest {
    @TempDir
    Path dir;

    @Test
    void readsEveryResultOfEveryModuleInBaseUnits() {
        Run run = Run.load(Fixtures.copy(Fixtures.QUICK, dir));
        assertEquals("2026-11-22T08-15-16_quick", run.id());
        assertEquals(List.of("pipe", "shm"), run.modules());
        assertEquals(8, run.ofModule("pipe").size());
        assertEquals(77, run.ofModule("shm").size());

        JmhResult latency = find(run, "io.ipcbench.pipe.PipeLatency.roundTrip", "64");
        assertEquals("sample", latency.mode());
        assertEquals(Units.NS_PER_OP, latency.primary().unit());
        assertEquals(47872.0, latency.primary().percentile(50.0));
        assertEquals(47872.0, latency.typical());
        assertEquals(3, latency.primary().iterations().length);
        assertEquals(1.0, latency.timing().measurementSeconds());

        JmhResult throughput = find(run, "io.ipcbench.pipe.PipeThroughput.oneWay", "64");
        assertTrue(throughput.higherIsBetter());
        assertEquals(Units.OPS_PER_S, throughput.primary().unit());
        assertEquals(3, throughput.primary().iterations().length);
        assertTrue(throughput.secondary().containsKey("bytes"));
        assertTrue(throughput.osCosts().isEmpty(), "the quick run was made without the OS-cost profiler");
    }

    @Test
    void theIterationMeansOfASampledLatencyAddUpToJmhsScore() {
        JmhResult latency = find(Run.load(Fixtures.copy(Fixtures.QUICK, dir)), "io.ipcbench.pipe.PipeLatency.roundTrip", "64");
        double sum = 0;
        long count = 0;
        for (Histogram h : latency.primary().forks().stream().flatMap(f -> f.histograms().stream()).toList()) {
            sum += h.mean() * h.total();
            count += h.total();
        }
        assertEquals(latency.primary().score(), sum / count, latency.primary().score() * 1e-9);
    }

    @Test
    void readsTheOsCostsOfBothProcesses() {
        JmhResult pipe = find(Run.load(Fixtures.copy(Fixtures.FLAME, dir)), "io.ipcbench.pipe.PipeLatency.roundTrip", "64");
        assertEquals(8, pipe.osCosts().size(), pipe.osCosts().keySet().toString());
        assertEquals(1.025, pipe.osCosts().get("os.bench.csw.voluntary").score(), 0.001);
        assertEquals("#/op", pipe.osCosts().get("os.peer.csw.voluntary").unit());
        assertEquals(3, pipe.osCosts().get("os.bench.csw.voluntary").iterations().length);
    }

    /** JMH's last iteration of a trial, whose tear-down stops the peer, carries the peer's costs too: a compare run's only one. */
    @Test
    void everyIterationOfEveryForkCarriesBothProcessesCosts() {
        Run run = Run.load(Fixtures.copy(Fixtures.COSTS, dir));
        assertEquals(6, run.results().size());
        for (JmhResult result : run.results()) {
            assertEquals(8, result.osCosts().size(), result.key() + ": " + result.osCosts().keySet());
            List<Metric.Fork> forks = result.primary().forks();
            assertEquals(2, forks.size(), result.key());
            result.osCosts().forEach((name, cost) -> {
                for (int fork = 0; fork < forks.size(); fork++) {
                    assertEquals(1, forks.get(fork).iterations().length, result.key());
                    assertEquals(1, cost.forks().get(fork).iterations().length, result.key() + " " + name + ", fork " + (fork + 1));
                }
            });
        }
        JmhResult pipe = find(run, "io.ipcbench.pipe.PipeLatency.roundTrip", "64");
        assertEquals(1.0326, pipe.osCosts().get("os.bench.csw.voluntary").score(), 0.0001);
        assertEquals(1.0098, pipe.osCosts().get("os.peer.csw.voluntary").score(), 0.0001);
    }

    @Test
    void aModuleWithoutResultsIsNotedNotAnError() throws IOException {
        Path run = Fixtures.copy(Fixtures.QUICK, dir);
        Files.delete(run.resolve("shm.json"));
        Run loaded = Run.load(run);
        assertEquals(List.of("pipe"), loaded.modules());
        assertEquals(List.of("module shm has no results (exit status 0)"), loaded.notes());
    }

    public static JmhResult find(Run run, String benchmark, String size) {
        return run.results().stream().filter(r -> r.benchmark().equals(benchmark) && size.equals(r.param("size")))
                .findFirst().orElseThrow();
    }
}
