package io.ipcbench.peer;

import io.ipcbench.link.Params;
import io.ipcbench.os.Libc;
import io.ipcbench.os.Pinning;
import io.ipcbench.os.TwoCores;
import io.ipcbench.pipe.PipeMechanism;
import io.ipcbench.traffic.RoundTrip;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** The peer's measuring thread runs where the plan says; the measuring thread of the benchmark too. */
class PinningTest {
    @Test
    void aPinnedThreadStillPlansWithEveryCpuOfTheProcess() throws Exception {
        Pinning.Plan plan = TwoCores.planOrSkip("a thread pinned to one CPU hides the others only where there are others");
        assertEquals(plan, onNewThread(() -> {
            plan.pinCurrentThreadAsBenchmark();
            return Pinning.CROSS_CORE.plan();
        }));
    }

    @Test
    void crossCorePutsTheTwoMeasuringThreadsOnDifferentCpus() throws Exception {
        Pinning.Plan plan = TwoCores.planOrSkip("cross-core pinning needs two cores");
        assertNotEquals(plan.benchmarkCpu(), plan.peerCpu());
        try (RoundTrip roundTrip = PeerTraffic.roundTrip(new PipeMechanism(), new Params("pipe", Map.of("size", "64", "pinning", "cross-core")))) {
            roundTrip.once();
            assertTrue(threadAffinities(PeerTraffic.session(roundTrip).peer().pid()).contains(Integer.toString(plan.peerCpu())),
                    "one peer thread is pinned to CPU " + plan.peerCpu());
            assertEquals(List.of(plan.benchmarkCpu()), onNewThread(() -> {
                PeerTraffic.session(roundTrip).pinBenchmarkThread();
                return Arrays.stream(Libc.allowedCpus()).boxed().toList();
            }), "the measuring thread's CPUs");
        }
    }

    @Test
    void thePeerJvmStartsOnTheHousekeepingCpusAndOnlyItsServingThreadLeavesThem() throws Exception {
        Pinning.Plan plan = Pinning.SAME_CORE.plan();
        if (plan.housekeeping().isEmpty()) {
            System.out.println("PinningTest: skipped: same-core leaves no housekeeping CPU on " + plan.allowed().size() + " CPU");
        }
        assumeFalse(plan.housekeeping().isEmpty(), "same-core needs 2 CPUs to leave a housekeeping CPU");
        // no JMH trial here, so this JVM is not confined: the peer's mask comes from how it is started
        try (RoundTrip roundTrip = PeerTraffic.roundTrip(new PipeMechanism(), new Params("pipe", Map.of("size", "64", "pinning", "same-core")))) {
            roundTrip.once();
            List<String> peerThreads = threadAffinities(PeerTraffic.session(roundTrip).peer().pid());
            assertEquals(List.of(Set.of(plan.peerCpu())), peerThreads.stream().map(HousekeepingTest::cpus)
                            .filter(cpus -> !cpus.equals(plan.housekeeping())).toList(),
                    "every peer thread but the serving one on CPUs " + plan.housekeeping() + ": " + peerThreads);
        }
    }

    @Test
    void noneLeavesEveryThreadFree() throws Exception {
        String unrestricted = threadAffinities(ProcessHandle.current().pid()).getFirst();
        try (RoundTrip roundTrip = PeerTraffic.roundTrip(new PipeMechanism(), new Params("pipe", Map.of("size", "64", "pinning", "none")))) {
            roundTrip.once();
            assertEquals(List.of(unrestricted), threadAffinities(PeerTraffic.session(roundTrip).peer().pid()).stream().distinct().toList(),
                    "every peer thread may run on all of this process's CPUs");
        }
    }

    /** Runs {@code body} on a fresh thread (pinning it changes nothing for the test thread) and returns its result. */
    private static <T> T onNewThread(Callable<T> body) throws Exception {
        FutureTask<T> task = new FutureTask<>(body);
        new Thread(task).start();
        return task.get();
    }

    /** Cpus_allowed_list of every thread of a process. */
    private static List<String> threadAffinities(long pid) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.map(task -> {
                try {
                    return Files.readAllLines(task.resolve("status")).stream()
                            .filter(line -> line.startsWith("Cpus_allowed_list:"))
                            .map(line -> line.substring(line.indexOf(':') + 1).strip())
                            .findFirst().orElseThrow();
                } catch (IOException e) {
                    return "gone";
                }
            }).toList();
        }
    }
}
