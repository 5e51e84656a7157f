package io.ipcbench.peer;

import io.ipcbench.os.Libc;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every thread of both JVMs but the two measuring ones runs on the housekeeping CPUs, for real:
 * a benchmark JVM ({@link HousekeepingTrialMain}) runs a trial as a JMH fork does and lists every
 * thread of itself and of its peer with its CPUs, JIT compiler and GC threads included. Same-core
 * leaves a housekeeping CPU on any machine of two CPUs; cross-core needs three, and is skipped
 * with the reason printed where fewer are allowed.
 */
class HousekeepingTest {
    private static final long TIMEOUT_SECONDS = 120;

    @Test
    void sameCoreKeepsEveryOtherThreadOfBothJvmsOnTheHousekeepingCpus() throws Exception {
        assumeCpus(2, "same-core");
        assertOnlyTheMeasuringThreadsLeaveHousekeeping(run("same-core"));
    }

    @Test
    void crossCoreKeepsEveryOtherThreadOfBothJvmsOnTheHousekeepingCpus() throws Exception {
        assumeCpus(3, "cross-core");
        assertOnlyTheMeasuringThreadsLeaveHousekeeping(run("cross-core"));
    }

    private static void assertOnlyTheMeasuringThreadsLeaveHousekeeping(List<String> out) {
        String[] plan = line(out, "PLAN ").split(" ", 3);
        int benchmarkCpu = Integer.parseInt(plan[0]);
        int peerCpu = Integer.parseInt(plan[1]);
        Set<Integer> housekeeping = cpus(plan[2].replaceAll("[\\[\\] ]", ""));
        assertTrue(!housekeeping.isEmpty() && !housekeeping.contains(benchmarkCpu) && !housekeeping.contains(peerCpu),
                "the plan leaves housekeeping CPUs: " + out);
        double probe = Double.parseDouble(line(out, "PROBE "));
        assertTrue(probe > 0 && probe < 1e9, "the probe measured a round trip between the measuring CPUs: " + probe);
        String measuring = line(out, "MEASURING ");
        List<String[]> threads = out.stream().filter(l -> l.startsWith("THREAD ")).map(l -> l.split(" ", 5)).toList();
        assertTrue(threads.size() > 10, "both JVMs' threads are listed: " + out);
        int peerServing = 0;
        for (String[] thread : threads) {
            boolean bench = thread[1].equals("bench");
            Set<Integer> allowed = cpus(thread[3]);
            String who = thread[1] + " thread " + thread[2] + " (" + thread[4] + ") on CPUs " + allowed;
            if (bench && thread[2].equals(measuring)) {
                assertEquals(Set.of(benchmarkCpu), allowed, "the measuring thread: " + who);
            } else if (!bench && allowed.equals(Set.of(peerCpu))) {
                peerServing++;
            } else {
                assertTrue(housekeeping.containsAll(allowed), "every other thread on housekeeping CPUs " + housekeeping + ": " + who);
            }
        }
        assertEquals(1, peerServing, "exactly one peer thread, the serving one, on the peer CPU: " + out);
    }

    private static void assumeCpus(int needed, String pinning) {
        int allowed = Libc.allowedCpus().length;
        assumeTrue(allowed >= needed, "pinning=" + pinning + " needs " + needed + " CPUs for a housekeeping CPU; " + allowed + " allowed");
    }

    private static List<String> run(String pinning) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(PeerProcess.javaBinary(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), HousekeepingTrialMain.class.getName(), pinning)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        process.getOutputStream().close();
        CompletableFuture<List<String>> out = CompletableFuture.supplyAsync(() -> process.inputReader().lines().toList(),
                task -> Thread.ofPlatform().daemon().start(task));
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            throw new AssertionError("the trial did not end within " + TIMEOUT_SECONDS + " s: " + out.join());
        }
        assertEquals(0, process.exitValue(), "the trial ran: " + out.join());
        return out.join();
    }

    private static String line(List<String> out, String prefix) {
        return out.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + prefix + "' line in " + out));
    }

    /** A Cpus_allowed_list ("0-2,5") or a comma list as a set. */
    static Set<Integer> cpus(String list) {
        Set<Integer> cpus = new TreeSet<>();
        for (String part : list.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] range = part.split("-");
            for (int cpu = Integer.parseInt(range[0]); cpu <= Integer.parseInt(range[range.length - 1]); cpu++) {
                cpus.add(cpu);
            }
        }
        return cpus;
    }
}
