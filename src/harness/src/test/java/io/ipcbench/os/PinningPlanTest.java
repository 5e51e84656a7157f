package io.ipcbench.os;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plan on machines this one is not, from a list of allowed CPUs and a topology: the measuring
 * CPUs are the last ones, on two cores for cross-core; every other CPU is a housekeeping CPU, the
 * measuring CPUs' SMT siblings last; with none left, the other threads share every allowed CPU and
 * the plan says so.
 */
class PinningPlanTest {
    /** One core per CPU, as on this 2-vCPU VM. */
    private static final IntFunction<String> OWN_CORES = cpu -> "0:" + cpu;
    /** Four cores with two threads each, siblings numbered n and n + 4, as Linux numbers them on most x86 machines. */
    private static final IntFunction<String> SMT_4X2 = cpu -> "0:" + cpu % 4;

    @Test
    void crossCoreOnTwoCpusLeavesNoHousekeepingCpuAndSaysSo() {
        Pinning.Plan plan = Pinning.CROSS_CORE.plan(new int[] {0, 1}, OWN_CORES);
        assertEquals(0, plan.benchmarkCpu());
        assertEquals(1, plan.peerCpu());
        assertEquals(Set.of(), plan.housekeeping());
        assertTrue(plan.lacksHousekeeping());
        assertEquals(cpus(0, 1), plan.otherThreads(), "with no housekeeping CPU the other threads keep every CPU");
        assertTrue(plan.describe().contains("no housekeeping CPU is left"), plan.describe());
    }

    @Test
    void peersOfOneTrialTakeACpuEachWhileCpusLastThenShareThemRoundRobin() {
        Pinning.Plan twoCpus = Pinning.CROSS_CORE.plan(new int[] {0, 1}, OWN_CORES);
        assertEquals(List.of(1, 1, 1, 1), asList(twoCpus.peerCpus(4)), "on two CPUs every peer shares the one the benchmark leaves");
        Pinning.Plan fourCpus = Pinning.CROSS_CORE.plan(new int[] {0, 1, 2, 3}, OWN_CORES);
        assertEquals(List.of(3, 0, 1, 3, 0), asList(fourCpus.peerCpus(5)), "the peer CPU, then the others but the benchmark's (2)");
        assertEquals(List.of(1, 1, 1), asList(Pinning.SAME_CORE.plan(new int[] {0, 1}, OWN_CORES).peerCpus(3)));
        assertEquals(List.of(-1, -1), asList(Pinning.NONE.plan(new int[] {0, 1}, OWN_CORES).peerCpus(2)));
    }

    private static List<Integer> asList(int[] cpus) {
        return java.util.Arrays.stream(cpus).boxed().toList();
    }

    @Test
    void crossCoreOnFourCpusMeasuresOnTheLastTwoAndKeepsTheFirstTwoForHousekeeping() {
        Pinning.Plan plan = Pinning.CROSS_CORE.plan(new int[] {0, 1, 2, 3}, OWN_CORES);
        assertEquals(List.of(2, 3), List.of(plan.benchmarkCpu(), plan.peerCpu()));
        assertEquals(cpus(0, 1), plan.housekeeping());
        assertEquals(cpus(0, 1), plan.otherThreads());
        assertFalse(plan.lacksHousekeeping());
        assertEquals("measuring on CPU 2 (benchmark) and CPU 3 (peer); every other thread of both JVMs on housekeeping CPUs [0, 1]",
                plan.describe());
    }

    @Test
    void threeCpusAreEnoughForOneHousekeepingCpu() {
        Pinning.Plan plan = Pinning.CROSS_CORE.plan(new int[] {0, 1, 2}, OWN_CORES);
        assertEquals(cpus(1, 2), plan.cpus());
        assertEquals(cpus(0), plan.housekeeping());
    }

    @Test
    void theMeasuringCpusSmtSiblingsStayIdleWhenOtherCoresAreLeft() {
        Pinning.Plan plan = Pinning.CROSS_CORE.plan(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, SMT_4X2);
        assertEquals(List.of(6, 7), List.of(plan.benchmarkCpu(), plan.peerCpu()), "7 is core 3, 6 is core 2");
        assertEquals(cpus(0, 1, 4, 5), plan.housekeeping(), "2 and 3 share cores 2 and 3 with the measured threads");
    }

    @Test
    void withTwoCoresTheSiblingsAreTheHousekeepingCpus() {
        Pinning.Plan plan = Pinning.CROSS_CORE.plan(new int[] {0, 1, 2, 3}, cpu -> "0:" + cpu % 2);
        assertEquals(List.of(2, 3), List.of(plan.benchmarkCpu(), plan.peerCpu()));
        assertEquals(cpus(0, 1), plan.housekeeping());
    }

    @Test
    void crossCoreSkipsTheLastCpusSiblingForTheBenchmarkCpu() {
        Pinning.Plan plan = Pinning.CROSS_CORE.plan(new int[] {0, 1, 2, 3}, cpu -> "0:" + cpu / 2);
        assertEquals(List.of(1, 3), List.of(plan.benchmarkCpu(), plan.peerCpu()), "2 is 3's sibling");
        assertEquals(cpus(0, 2), plan.housekeeping(), "both left are siblings of a measuring CPU: better than none");
    }

    @Test
    void aTasksetOfScatteredCpusIsPlannedWithinIt() {
        Pinning.Plan plan = Pinning.CROSS_CORE.plan(new int[] {1, 3, 5}, OWN_CORES);
        assertEquals(List.of(3, 5), List.of(plan.benchmarkCpu(), plan.peerCpu()));
        assertEquals(cpus(1), plan.housekeeping());
        assertEquals(cpus(1, 3, 5), plan.allowed());
    }

    @Test
    void sameCoreNeedsOnlyTwoCpusToLeaveOneForHousekeeping() {
        Pinning.Plan plan = Pinning.SAME_CORE.plan(new int[] {0, 1}, OWN_CORES);
        assertEquals(List.of(1, 1), List.of(plan.benchmarkCpu(), plan.peerCpu()));
        assertEquals(cpus(0), plan.housekeeping());
        assertEquals("measuring on CPU 1 (benchmark and peer); every other thread of both JVMs on housekeeping CPUs [0]", plan.describe());
        Pinning.Plan alone = Pinning.SAME_CORE.plan(new int[] {0}, OWN_CORES);
        assertTrue(alone.lacksHousekeeping());
        assertEquals(cpus(0), alone.otherThreads());
    }

    @Test
    void noneLeavesEveryThreadOnEveryCpu() {
        Pinning.Plan plan = Pinning.NONE.plan(new int[] {0, 1, 2, 3}, OWN_CORES);
        assertEquals(Set.of(), plan.cpus());
        assertEquals(cpus(0, 1, 2, 3), plan.otherThreads());
        assertFalse(plan.lacksHousekeeping(), "nothing is measured on a CPU of its own, so nothing lacks");
        assertTrue(plan.describe().startsWith("nothing pinned"), plan.describe());
    }

    @Test
    void crossCoreOnOneCoreIsRefusedNamingTheCpus() {
        var refusal = assertThrows(IllegalStateException.class, () -> Pinning.CROSS_CORE.plan(new int[] {0, 1}, cpu -> "0:0"));
        assertTrue(refusal.getMessage().startsWith("pinning=cross-core needs CPUs on two different physical cores, but this"
                + " process may only run on CPUs [0, 1]"), refusal.getMessage());
    }

    private static TreeSet<Integer> cpus(Integer... cpus) {
        return new TreeSet<>(List.of(cpus));
    }
}
