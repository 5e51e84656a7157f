package io.ipcbench.peer;

import io.ipcbench.bench.PingPongProbe;
import io.ipcbench.bench.TrialCpus;
import io.ipcbench.link.Params;
import io.ipcbench.os.Pinning;
import io.ipcbench.pipe.PipeMechanism;
import io.ipcbench.traffic.RoundTrip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A benchmark JVM doing what a JMH fork does with its CPUs, on a pipe trial with {@code args[0]}
 * as pinning: the trial's CPUs prepared ({@link TrialCpus}: this JVM confined, the probe run),
 * the peer started, the measuring thread (this one) pinned, then round trips for a while, long
 * enough for the JIT to compile and start what threads it starts. It prints the plan, the probe,
 * its own thread id, and every thread of both JVMs with its name and its CPUs:
 * {@code THREAD bench|peer <tid> <cpus> <name>}.
 */
public final class HousekeepingTrialMain {
    private static final long ROUND_TRIP_MILLIS = 1_500;

    private HousekeepingTrialMain() {}

    public static void main(String[] args) throws IOException {
        Params params = new Params("pipe", Map.of("size", "64", "pinning", args[0]));
        Pinning.Plan plan = TrialCpus.prepare(params);
        System.out.println("PLAN " + plan.benchmarkCpu() + " " + plan.peerCpu() + " " + plan.housekeeping());
        System.out.println("PROBE " + PingPongProbe.lastNanos());
        try (RoundTrip roundTrip = PeerTraffic.roundTrip(new PipeMechanism(), params)) {
            roundTrip.pinBenchmarkThread();
            System.out.println("MEASURING " + Path.of("/proc/thread-self").toRealPath().getFileName());
            for (long end = System.nanoTime() + ROUND_TRIP_MILLIS * 1_000_000; System.nanoTime() < end; ) {
                roundTrip.once();
            }
            print("bench", ProcessHandle.current().pid());
            print("peer", PeerTraffic.session(roundTrip).peer().pid());
        }
    }

    private static void print(String side, long pid) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String cpus = field(Files.readAllLines(task.resolve("status")), "Cpus_allowed_list:");
                    System.out.println("THREAD " + side + " " + task.getFileName() + " " + cpus + " " + Files.readString(task.resolve("comm")).strip());
                } catch (IOException gone) {
                    // the thread exited between the listing and the reading: it runs nowhere
                }
            }
        }
    }

    private static String field(List<String> status, String name) {
        return status.stream().filter(line -> line.startsWith(name)).map(line -> line.substring(name.length()).strip()).findFirst().orElseThrow();
    }
}
