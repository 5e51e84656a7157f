package io.ipcbench.cacheline;

import io.ipcbench.os.Pinning;
import io.ipcbench.os.TwoCores;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wake-up floor answers every round trip, sleeps on both sides as it claims, and leaves no thread behind. */
class FutexPingPongTest {
    private static final int ROUND_TRIPS = 20_000;

    @Test
    void everyRoundTripIsAnsweredAndTheEchoThreadStops() {
        try (FutexPingPong pair = new FutexPingPong(Pinning.NONE.plan())) {
            for (int i = 0; i < ROUND_TRIPS; i++) {
                pair.roundTrip();
            }
            assertEquals(ROUND_TRIPS, pair.roundTrips());
        }
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals(FutexPingPong.ECHO_THREAD) && t.isAlive()), "the echo thread stopped");
    }

    /**
     * What makes it a wake-up floor: the two sides sleep. Where a wake-up takes microseconds the waker reaches its own
     * FUTEX_WAIT long before the answer, and nearly every hand-off finds the other side asleep (1.9 to 2.0 sleeps per
     * round trip measured on a busy 2-vCPU VM); where wake-ups are quick (an idle VM of the same kind, whose cross-CPU
     * wake-up took 0.76 µs against 1.1 µs for an empty system call), the answer is often there before the waiter's
     * futex call, and it does not sleep (0.59 sleeps per round trip measured there). The bound, a sleep every fourth
     * round trip with each side sleeping, holds on both and fails a version that spins, or wakes without sleeping
     * (none).
     */
    @Test
    void bothSidesSleep() throws InterruptedException {
        Pinning.Plan plan = TwoCores.planOrSkip("a cross-CPU wake-up needs two CPUs");
        try (FutexPingPong pair = new FutexPingPong(plan)) {
            // a thread of its own plays the measuring side, so that pinning it leaves the test runner's threads free
            Thread measuring = Thread.ofPlatform().start(() -> {
                Cpus.pin(plan.benchmarkCpu());
                for (int i = 0; i < ROUND_TRIPS; i++) {
                    pair.roundTrip();
                }
            });
            measuring.join();
            assertEquals(ROUND_TRIPS, pair.roundTrips());
            double sleeps = (double) (pair.benchmarkSleeps() + pair.echoSleeps()) / ROUND_TRIPS;
            System.out.println("FutexPingPongTest: " + sleeps + " sleeps per round trip (benchmark side "
                    + pair.benchmarkSleeps() + ", echo " + pair.echoSleeps() + ", " + ROUND_TRIPS + " round trips)");
            assertTrue(sleeps >= 0.25, sleeps + " sleeps per round trip");
            assertTrue(pair.benchmarkSleeps() > 0 && pair.echoSleeps() > 0, "each side sleeps");
        }
    }
}
