package io.ipcbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where a run's trials will measure, as a real module's param check plans it on this machine (it
 * runs with this JVM's CPUs, as the forks will), and the line it answers with.
 */
class CpuPlanTest {
    @Test
    void theRealCheckPlansEachPinningWithinTheCpusThisRunMayUse() throws IOException {
        BenchmarkJar pipe = BuiltJars.all().stream().filter(j -> j.module().equals("pipe")).findFirst().orElseThrow();
        List<String> args = List.of("-p", "pinning=cross-core,same-core", "-p", "size=64", "PipeLatency");
        Map<String, CpuPlan> plans = ParamsCheck.require(Map.of(pipe, args), Profile.load(BuiltJars.REPOSITORY.resolve("profiles"), "smoke")).cpus();
        List<Integer> allowed = allowedCpus();
        assertEquals(List.of("cross-core", "same-core"), List.copyOf(plans.keySet()));
        CpuPlan cross = plans.get("cross-core");
        CpuPlan same = plans.get("same-core");
        assertNotEquals(cross.benchmarkCpu(), cross.peerCpu());
        assertEquals(same.benchmarkCpu(), same.peerCpu());
        assertEquals(allowed.getLast(), cross.peerCpu(), "the last CPU allowed measures");
        for (CpuPlan plan : plans.values()) {
            assertEquals(allowed, plan.allowedCpus());
            assertTrue(allowed.containsAll(List.of(plan.benchmarkCpu(), plan.peerCpu())), plan.toString());
            assertTrue(Collections.disjoint(plan.housekeepingCpus(), List.of(plan.benchmarkCpu(), plan.peerCpu())), plan.toString());
            assertEquals(!plan.housekeepingCpus().isEmpty(), plan.housekeepingLeft(), plan.toString());
            assertEquals(!plan.housekeepingLeft(), plan.summary().contains("no housekeeping CPU is left"), plan.summary());
        }
        assertEquals(allowed.size() >= 3, cross.housekeepingLeft(), "cross-core leaves a CPU from 3 on: " + cross);
        assertEquals(allowed.size() >= 2, same.housekeepingLeft(), "same-core from 2 on: " + same);
    }

    @Test
    void aMalformedLineIsRefusedNamingItsShape() {
        var e = assertThrows(IllegalArgumentException.class, () -> CpuPlan.parse("cross-core benchmark=0 peer=1"));
        assertTrue(e.getMessage().contains("is not PINNING benchmark=N peer=N housekeeping=LIST allowed=LIST | SUMMARY"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CpuPlan.parse("cross-core benchmark=x peer=1 housekeeping= allowed=0,1 | words"));
        assertTrue(e.getMessage().contains("has no whole-number benchmark, peer, housekeeping or allowed CPUs"), e.getMessage());
    }

    /** This process's Cpus_allowed_list ("0-1,4") as a list. */
    private static List<Integer> allowedCpus() throws IOException {
        String list = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Cpus_allowed_list:"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElseThrow();
        List<Integer> cpus = new ArrayList<>();
        for (String part : list.split(",")) {
            String[] range = part.split("-");
            for (int cpu = Integer.parseInt(range[0]); cpu <= Integer.parseInt(range[range.length - 1]); cpu++) {
                cpus.add(cpu);
            }
        }
        return cpus;
    }
}
