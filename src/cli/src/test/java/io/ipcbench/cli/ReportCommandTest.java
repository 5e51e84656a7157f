package io.ipcbench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
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
    void anyModuleAndTheFloorArePickedUpByName() throws IOException {
        // the quick run's pipe results filed again as modules "fifo" and "cacheline": this tests the wiring, not numbers
        Path run = Fixtures.copy(Fixtures.QUICK, dir);
        ObjectMapper json = new ObjectMapper();
        ObjectNode record = (ObjectNode) json.readTree(run.resolve("run.json").toFile());
        for (String module : List.of("fifo", "cacheline")) {
            Files.copy(run.resolve("pipe.json"), run.resolve(module + ".json"));
            record.withArray("modules").addObject().put("module", module).put("resultFile", module + ".json").put("exitStatus", 0);
        }
        json.writeValue(run.resolve("run.json").toFile(), record);
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
        ObjectNode record = (ObjectNode) json.readTree(run.resolve("run.json").toFile());
        record.withArray("modules").addObject().put("module", "cacheline").put("resultFile", "cacheline.json").put("exitStatus", 0);
        json.writeValue(run.resolve("run.json").toFile(), record);

        String md = Files.readString(ReportCommand.write(run));
        String said = "this run's timer floor (cacheline `TimerFloor.empty`, an empty sampled operation) is p50 27 ns, p99 41 ns.";
        assertEquals(2, md.split(Pattern.quote(said), -1).length - 1, "under the pipe's and the shm's round trips: " + md);
        assertTrue(md.contains("| TimerFloor.empty | 27 ns | 41 ns |"), "its own row in the cacheline module: " + md);
        assertTrue(md.contains("](plots/floor.png)") && Files.isRegularFile(run.resolve("plots/floor.png")), "drawn as a floor: " + md);
    }
}
