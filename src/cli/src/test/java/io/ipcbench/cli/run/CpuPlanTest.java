package io.ipcbench.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipcbench.cli.usage.CliException;
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
    /**
     * Cross-core where this process may use two physical cores; on one (taskset -c 0) the check
     * refuses it, as it must, and the same-core plan alone is checked, saying so.
     */
    @Test
    void theRealCheckPlansEachPinningWithinTheCpusThisRunMayUse() throws IOException {
        Map<String, CpuPlan> plans;
        try {
            plans = plans("cross-core,same-core");
            assertEquals(List.of("cross-core", "same-core"), List.copyOf(plans.keySet()));
        } catch (CliException oneCore) {
            assertTrue(oneCore.getMessage().contains("pinning=cross-core needs CPUs on two different physical cores"), oneCore.getMessage());
            System.out.println("CpuPlanTest: cross-core refused on this machine, same-core checked alone: " + oneCore.getMessage());
            plans = plans("same-core");
        }
        List<Integer> allowed = allowedCpus();
        CpuPlan cross = plans.get("cross-core");
        CpuPlan same = plans.get("same-core");
        if (cross != null) {
            assertNotEquals(cross.benchmarkCpu(), cross.peerCpu());
            assertEquals(allowed.getLast(), cross.peerCpu(), "the last CPU allowed measures");
            assertEquals(allowed.size() >= 3, cross.housekeepingLeft(), "cross-core leaves a CPU from 3 on: " + cross);
        }
        assertEquals(same.benchmarkCpu(), same.peerCpu());
        for (CpuPlan plan : plans.values()) {
            assertEquals(allowed, plan.allowedCpus());
            assertTrue(allowed.containsAll(List.of(plan.benchmarkCpu(), plan.peerCpu())), plan.toString());
            assertTrue(Collections.disjoint(plan.housekeepingCpus(), List.of(plan.benchmarkCpu(), plan.peerCpu())), plan.toString());
            assertEquals(!plan.housekeepingCpus().isEmpty(), plan.housekeepingLeft(), plan.toString());
            assertEquals(!plan.housekeepingLeft(), plan.summary().contains("no housekeeping CPU is left"), plan.summary());
        }
        assertEquals(allowed.size() >= 2, same.housekeepingLeft(), "same-core from 2 on: " + same);
    }

    /** The plans the pipe module's real param check makes for {@code pinnings}, as a run of the smoke profile would. */
    private static Map<String, CpuPlan> plans(String pinnings) {
        BenchmarkJar pipe = BuiltJars.all().stream().filter(j -> j.module().equals("pipe")).findFirst().orElseThrow();
        List<String> args = List.of("-p", "pinning=" + pinnings, "-p", "size=64", "PipeLatency");
        return ParamCheckRunner.require(Map.of(pipe, args), Profile.load(BuiltJars.REPOSITORY.resolve("profiles"), "smoke")).cpus();
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
