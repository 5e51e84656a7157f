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
     * What makes it a wake-up floor: the two sides sleep. On two CPUs a wake-up takes microseconds, while the waker
     * reaches its own FUTEX_WAIT within a few hundred nanoseconds, so nearly every hand-off finds the other side asleep
     * (measured here: 1.9 to 2.0 sleeps per round trip on an idle and on a busy 2-vCPU VM). The bound, one per round
     * trip, leaves room for a machine busy enough to preempt the waker between its wake and its wait half the time,
     * and fails a version that spins, or wakes without sleeping (none).
     */
    @Test
    void bothSidesSleepOnNearlyEveryHandOff() throws InterruptedException {
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
            assertTrue(sleeps >= 1.0, sleeps + " sleeps per round trip");
            assertTrue(pair.benchmarkSleeps() > 0 && pair.echoSleeps() > 0, "each side sleeps");
        }
    }
}
