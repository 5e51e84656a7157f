package io.ipcbench.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run.json after a real run on this machine holds what the machine itself reports. */
class RunRecordTest {
    @TempDir
    static Path root;
    static JsonNode run;

    @BeforeAll
    static void runOnce() throws IOException {
        new FakeRepo(root).profile("test", "jmh.args=-f 1\nparam.shm.pinning=same-core\n").module("shm", "b\n")
                .module("pipe", "b\n");
        var console = new PrintStream(new ByteArrayOutputStream(), true);
        assertEquals(0, new RunCommand(RunOptions.parse(List.of("--root=" + root, "--profile=test")), console).call());
        try (Stream<Path> kernels = Files.list(root.resolve("results"));
             Stream<Path> runs = Files.list(kernels.findFirst().orElseThrow())) {
            run = new ObjectMapper().readTree(runs.findFirst().orElseThrow().resolve("run.json").toFile());
        }
    }

    private static String proc(String file) throws IOException {
        return Files.readString(Path.of(file)).strip();
    }

    private static String procField(String file, String name) throws IOException {
        return Files.readAllLines(Path.of(file)).stream().filter(l -> l.matches(name + "\\s*:.*"))
                .map(l -> l.split(":", 2)[1].strip()).findFirst().orElse("unknown");
    }

    @Test
    void kernelCpuAndHostAreThisMachines() throws IOException {
        JsonNode env = run.get("environment");
        assertEquals(proc("/proc/sys/kernel/osrelease"), env.get("kernelRelease").asText());
        assertEquals(proc("/proc/sys/kernel/version"), env.get("kernelVersion").asText());
        assertEquals(proc("/proc/sys/kernel/hostname"), env.get("hostname").asText());
        assertEquals(procField("/proc/cpuinfo", "model name"), env.get("cpuModel").asText());
        assertEquals(Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.matches("processor\\s*:.*")).count(),
                env.get("logicalCpus").asLong());
        assertEquals(procField("/proc/self/status", "Cpus_allowed_list"), env.get("allowedCpus").asText());
        Path smt = Path.of("/sys/devices/system/cpu/smt/active");
        assertEquals(Files.exists(smt) ? proc(smt.toString()) : "unknown", env.get("smtActive").asText());
    }

    @Test
    void everyVulnerabilityFileIsRecorded() throws IOException {
        Path dir = Path.of("/sys/devices/system/cpu/vulnerabilities");
        JsonNode recorded = run.get("environment").get("vulnerabilities");
        Set<String> names = new TreeSet<>();
        recorded.fieldNames().forEachRemaining(names::add);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(files.map(f -> f.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new)), names);
        }
        assertFalse(names.isEmpty());
        assertEquals(proc(dir.resolve(names.iterator().next()).toString()), recorded.get(names.iterator().next()).asText());
    }

    @Test
    void jdkProfileGitTimesAndPinningAreRecorded() {
        JsonNode jdk = run.get("environment").get("jdk");
        assertEquals(System.getProperty("java.version"), jdk.get("version").asText());
        assertEquals(System.getProperty("java.vm.name"), jdk.get("vmName").asText());
        assertEquals(System.getProperty("java.vendor"), jdk.get("vendor").asText());
        assertEquals(System.getProperty("java.home"), jdk.get("home").asText());

        assertEquals("test", run.get("profile").get("name").asText());
        assertEquals("same-core", run.get("profile").get("contents").get("param.shm.pinning").asText());
        assertEquals("benchmark default", run.get("pinning").get("pipe").asText());
        assertEquals("same-core", run.get("pinning").get("shm").asText());
        assertEquals("unknown", run.get("git").get("commit").asText(), "a temp folder is no checkout");
        assertTrue(run.get("runId").asText().endsWith("_test"));

        Instant start = Instant.parse(run.get("start").asText());
        assertFalse(Instant.parse(run.get("end").asText()).isBefore(start));
        assertEquals(List.of("pipe", "shm"), run.get("modules").findValuesAsText("module"));
        assertEquals("1.37", run.get("modules").get(0).get("jmhVersion").asText());
    }

    @Test
    void whereEachPinningMeasuresIsRecordedAsTheModulesCheckPlannedIt() {
        // the fake jars plan as on a machine of two CPUs (see io.ipcbench.bench.ParamCheck in the tests)
        JsonNode crossCore = run.get("cpus").get("cross-core");
        assertEquals(0, crossCore.get("benchmarkCpu").asInt());
        assertEquals(1, crossCore.get("peerCpu").asInt());
        assertEquals("[]", crossCore.get("housekeepingCpus").toString());
        assertEquals("[0,1]", crossCore.get("allowedCpus").toString());
        assertFalse(crossCore.get("housekeepingLeft").asBoolean(), "no housekeeping CPU is left");
        assertTrue(crossCore.get("summary").asText().contains("no housekeeping CPU is left"), crossCore.toString());
        JsonNode sameCore = run.get("cpus").get("same-core");
        assertEquals("[0]", sameCore.get("housekeepingCpus").toString());
        assertTrue(sameCore.get("housekeepingLeft").asBoolean(), sameCore.toString());
        assertEquals(2, run.get("cpus").size(), "one plan per pinning the modules use");
    }

    @Test
    void theMachinesOtherWorkDuringTheRunIsRecorded() {
        JsonNode load = run.get("machineLoad");
        double other = load.get("otherCpuPercent").asDouble(-1);
        double steal = load.get("stealPercent").asDouble(-1);
        assertTrue(other >= 0 && other <= 100, load.toString());
        assertTrue(steal >= 0 && steal <= 100, load.toString());
        assertTrue(load.get("loadAverages").asText().matches("\\d+\\.\\d+ → \\d+\\.\\d+"), load.toString());
    }
}
