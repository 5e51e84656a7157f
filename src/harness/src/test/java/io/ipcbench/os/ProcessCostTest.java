package io.ipcbench.os;

import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Params;
import io.ipcbench.pipe.Pipe;
import io.ipcbench.shm.SharedMemory;
import io.ipcbench.traffic.RoundTrip;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OS-cost figures on real round trips: what any Linux machine must show. A spinning pair
 * never sleeps; a blocking pair sleeps at least once per round trip (in fact once per side).
 */
class ProcessCostTest {
    @Test
    void spinningSharedMemoryNeedsAlmostNoContextSwitches() {
        TwoCores.planOrSkip("a spinning pair hands over without the scheduler only with a core each: on one, each of the"
                + " 200,000 round trips waits for time slices");
        double perOp = voluntarySwitchesPerRoundTrip(new SharedMemory(), shm("SPIN"), 200_000);
        assertTrue(perOp < 0.05, "SPIN: " + perOp + " voluntary context switches per round trip");
    }

    @Test
    void futexSharedMemorySleepsEveryRoundTrip() {
        double perOp = voluntarySwitchesPerRoundTrip(new SharedMemory(), shm("FUTEX"), 2_000);
        assertTrue(perOp >= 1, "FUTEX: " + perOp + " voluntary context switches per round trip");
    }

    @Test
    void semaphoreSharedMemorySleepsEveryRoundTrip() {
        double perOp = voluntarySwitchesPerRoundTrip(new SharedMemory(), shm("SEMAPHORE"), 2_000);
        assertTrue(perOp >= 1, "SEMAPHORE: " + perOp + " voluntary context switches per round trip");
    }

    @Test
    void blockingPipesSleepEveryRoundTrip() {
        double perOp = voluntarySwitchesPerRoundTrip(new Pipe(), Map.of("size", "64", "wait", "BLOCKING"), 2_000);
        assertTrue(perOp >= 1, "pipe: " + perOp + " voluntary context switches per round trip");
    }

    /**
     * utime + stime must agree with an independent account of the same CPU time: the run time
     * the scheduler keeps per thread in nanoseconds (/proc/PID/task/TID/schedstat), within the
     * 10 ms ticks of the former. Whatever else loads the machine, both count the same time. The
     * round trips go on until the peer has run 250 ms, which a spinning peer does in 500 ms on a
     * core of its own and may take many seconds on one CPU shared with other work.
     */
    @Test
    void cpuTimeAgreesWithTheSchedulersOwnAccount() throws IOException {
        Params params = new Params("shm", shm("SPIN"));
        try (RoundTrip roundTrip = RoundTrip.start(new SharedMemory(), params)) {
            long peer = roundTrip.session().peer().pid();
            ProcessCost before = ProcessCost.of(peer);
            long runBefore = schedulerRunNanos(peer);
            long until = System.nanoTime() + 60_000_000_000L;
            while (schedulerRunNanos(peer) - runBefore < 250_000_000L) {
                assertTrue(System.nanoTime() < until, "the spinning peer ran 250 ms within 60 s");
                for (int i = 0; i < 10; i++) {
                    roundTrip.once();
                }
            }
            ProcessCost spent = ProcessCost.of(peer).minus(before);
            long run = schedulerRunNanos(peer) - runBefore;
            long charged = spent.userNanos() + spent.systemNanos();
            assertTrue(Math.abs(charged - run) <= 30_000_000L + run / 10,
                    "utime+stime " + charged + " ns vs schedstat " + run + " ns");
        }
    }

    private static long schedulerRunNanos(long pid) throws IOException {
        long total = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                total += Long.parseLong(Files.readString(task.resolve("schedstat")).split(" ")[0]);
            }
        }
        return total;
    }

    /** Both processes' voluntary switches over {@code n} round trips, per round trip. */
    private static double voluntarySwitchesPerRoundTrip(Mechanism mechanism, Map<String, String> values, int n) {
        try (RoundTrip roundTrip = RoundTrip.start(mechanism, new Params(mechanism.name(), values))) {
            for (int i = 0; i < n / 10; i++) {
                roundTrip.once(); // warm up: class loading and JIT switch threads too
            }
            long self = ProcessHandle.current().pid();
            long peer = roundTrip.session().peer().pid();
            ProcessCost selfBefore = ProcessCost.of(self);
            ProcessCost peerBefore = ProcessCost.of(peer);
            for (int i = 0; i < n; i++) {
                roundTrip.once();
            }
            long switches = ProcessCost.of(self).minus(selfBefore).voluntarySwitches()
                    + ProcessCost.of(peer).minus(peerBefore).voluntarySwitches();
            return (double) switches / n;
        }
    }

    private static Map<String, String> shm(String sync) {
        return Map.of("size", "64", "sync", sync, "layout", "PADDED", "capacity", "1");
    }
}
