package io.ipcbench.cli.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ipcbench.cli.results.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.md, report.html and the plots of real runs. */
class ReportCommandTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

    @TempDir
    Path dir;

    @Test
    void theQuickRunsReport() throws IOException {
        Path run = Fixtures.copy(Fixtures.QUICK, dir);
        Path markdown = ReportCommand.write(run);
        String md = Files.readString(markdown);
        for (String expected : List.of("| kernel release | 6.18.44-fc-v595 |", "| CPU | AMD EPYC |", "| JDK | 25.0.3 (Eclipse Adoptium",
                "| pinning shm | cross-core |", "| profile | quick |", "| commit | 8a40bfbdcab626cf65e5c502be8d616ed80ffbd6 (uncommitted changes) |",
                "| mitigation spectre_v2 | Mitigation: Retpolines", "### Module `pipe`", "### Module `shm`",
                "| PipeLatency.roundTrip | 64 B | 47.9 µs | 98.2 µs | 630 µs | 52.1 µs ± 1.51 µs | 3 |",
                "| PipeThroughput.oneWay | 64 B | 1.78 M/s ± 6.05 M/s | 114 | 3 |",
                "| ShmLatency.roundTrip | 64 B | PADDED | SEMAPHORE | 59.6 µs |",
                "No `cacheline` latency results in this run", "## Lessons")) {
            assertTrue(md.contains(expected), expected + " in\n" + md);
        }
        for (String plot : List.of("latency-by-size", "throughput-by-size", "bandwidth-by-size", "shm-sync-latency",
                "shm-sync-throughput", "shm-layout-latency", "shm-layout-throughput", "shm-capacity-throughput")) {
            Path png = run.resolve("plots").resolve(plot + ".png");
            assertArrayEquals(PNG_MAGIC, Arrays.copyOf(Files.readAllBytes(png), 4), png.toString());
            assertTrue(md.contains("](plots/" + plot + ".png)"), plot);
        }
        String html = Files.readString(run.resolve("report.html"));
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("<style>"), "inline CSS");
        assertEquals(8, html.split("src=\"data:image/png;base64,", -1).length - 1, "every plot embedded");
        assertFalse(html.contains("src=\"plots/"), "self-contained");
    }

    @Test
    void osCostsWhereTheRunMeasuredThem() throws IOException {
        String md = Files.readString(ReportCommand.write(Fixtures.copy(Fixtures.FLAME, dir)));
        assertTrue(md.contains("**Operating-system cost per operation**"), md);
        assertTrue(md.contains("| benchmark | size | bench.cpu.system | bench.cpu.user | bench.csw.involuntary | "
                + "bench.csw.voluntary | peer.cpu.system | peer.cpu.user | peer.csw.involuntary | peer.csw.voluntary |"), md);
        assertTrue(md.contains("| PipeLatency.roundTrip | 64 B | 28.6 µs | 57.5 µs | 0.0847 | 1.02 | 12.7 µs | 12.9 µs | 0.000357 | 0.669 |"), md);
    }

    @Test
    void measuringCpusSharedWithEveryOtherThreadAreNamedInTheEnvironmentAndANote() throws IOException {
        Path run = Fixtures.copy(Fixtures.QUICK, dir);
        // as the runner records it on a machine of two CPUs
        editJson(run.resolve("run.json"), record -> ((ObjectNode) record).putObject("cpus").putObject("cross-core")
                .put("pinning", "cross-core").put("benchmarkCpu", 0).put("peerCpu", 1).put("housekeepingLeft", false)
                .put("summary", "measuring on CPU 0 (benchmark) and CPU 1 (peer); no housekeeping CPU is left (this process may use CPUs [0, 1])"));
        String md = Files.readString(ReportCommand.write(run));
        assertTrue(md.contains("| CPUs for pinning cross-core | measuring on CPU 0 (benchmark) and CPU 1 (peer); no housekeeping CPU is"
                + " left (this process may use CPUs [0, 1]) |"), md);
        assertTrue(md.contains("Note: pinning=cross-core left no housekeeping CPU: the JIT compilers, GC, JMH's threads and the"
                + " peer's other threads ran on the measuring CPUs"), md);
    }

    @Test
    void forksInTwoModesAreShownWithTheirProbes() throws IOException {
        Path run = Fixtures.copy(Fixtures.SAME_BUILD_FIRST, dir);
        // a probe figure per fork, as ProbeProfiler would have reported it: forks 3 to 5 (the slow ones) probed slower
        double[] probes = {210, 205, 640, 655, 630};
        editJson(run.resolve("pipe.json"), results -> results.forEach(result -> {
            ArrayNode raw = ((ObjectNode) result.withObject("secondaryMetrics")).putObject(ForkModes.PROBE)
                    .put("score", 468).put("scoreError", "NaN").put("scoreUnit", "ns").putArray("rawData");
            Arrays.stream(probes).forEach(probe -> raw.addArray().add(probe));
        }));
        String md = Files.readString(ReportCommand.write(run));
        assertTrue(md.contains("## Forks in two modes"), md);
        assertTrue(md.contains("Over this run's 40 forks the probe read 205 ns to 655 ns per round trip (median 630 ns)."), md);
        assertTrue(md.contains("| PipeLatency.roundTrip | pinning=cross-core size=64 wait=BUSY_POLL | #1 1.67 µs (probe 210 ns),"
                + " #2 1.6 µs (probe 205 ns) | #3 2.78 µs (probe 640 ns), #4 2.75 µs (probe 655 ns), #5 2.79 µs (probe 630 ns) | yes |"), md);
    }

    @Test
    void anyModuleAndTheFloorArePickedUpByName() throws IOException {
        // the quick run's pipe results filed again as modules "fifo" and "cacheline": this tests the wiring, not numbers
        Path run = Fixtures.copy(Fixtures.QUICK, dir);
        for (String module : List.of("fifo", "cacheline")) {
            Files.copy(run.resolve("pipe.json"), run.resolve(module + ".json"));
            editJson(run.resolve("run.json"), record -> ((ArrayNode) record.withArray("modules")).addObject().put("module", module)
                    .put("resultFile", module + ".json").put("exitStatus", 0));
        }
        String md = Files.readString(ReportCommand.write(run));
        assertTrue(md.contains("### Module `fifo`") && md.contains("### Module `cacheline`"), md);
        assertTrue(md.contains("](plots/floor.png)") && Files.isRegularFile(run.resolve("plots/floor.png")), md);
        assertFalse(md.contains("No `cacheline` latency results"), md);
    }

    @Test
    void theTimerFloorIsSaidBesideEveryModulesRoundTrips() throws IOException {
        // the quick run, with a cacheline module holding one result: the pipe's 64 B round trip renamed
        // TimerFloor.empty, with its own p50 and p99 (27 and 41 ns)
        Path run = Fixtures.copy(Fixtures.QUICK, dir);
        ObjectMapper json = new ObjectMapper();
        ObjectNode floor = null;
        for (JsonNode result : json.readTree(run.resolve("pipe.json").toFile())) {
            if (result.get("benchmark").asText().equals("io.ipcbench.pipe.PipeLatency.roundTrip")) {
                floor = (ObjectNode) result;
            }
        }
        assertTrue(floor != null, "the quick run has a pipe round trip");
        floor.put("benchmark", "io.ipcbench.cacheline.TimerFloor.empty");
        floor.putObject("params").put("pinning", "cross-core");
        ObjectNode percentiles = (ObjectNode) floor.get("primaryMetric").get("scorePercentiles");
        percentiles.put("50.0", 27.0).put("99.0", 41.0);
        json.writeValue(run.resolve("cacheline.json").toFile(), json.createArrayNode().add(floor));
        editJson(run.resolve("run.json"), record -> ((ObjectNode) record).withArray("modules").addObject()
                .put("module", "cacheline").put("resultFile", "cacheline.json").put("exitStatus", 0));

        String md = Files.readString(ReportCommand.write(run));
        String said = "this run's timer floor (cacheline `TimerFloor.empty`, an empty sampled operation) is p50 27 ns, p99 41 ns.";
        assertEquals(2, md.split(Pattern.quote(said), -1).length - 1, "under the pipe's and the shm's round trips: " + md);
        assertTrue(md.contains("| TimerFloor.empty | 27 ns | 41 ns |"), "its own row in the cacheline module: " + md);
        assertTrue(md.contains("](plots/floor.png)") && Files.isRegularFile(run.resolve("plots/floor.png")), "drawn as a floor: " + md);
    }

    /** Reads {@code file} as JSON, lets {@code edit} change it in place, and writes it back. */
    private static void editJson(Path file, Consumer<JsonNode> edit) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode root = json.readTree(file.toFile());
        edit.accept(root);
        json.writeValue(file.toFile(), root);
    }
}
