package io.ipcbench.eventfd;

import io.ipcbench.link.Params;
import io.ipcbench.os.Pinning;
import io.ipcbench.peer.PeerTraffic;
import io.ipcbench.ring.SyncCounts;
import io.ipcbench.traffic.RoundTrip;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The eventfd ring's wake-ups across two processes through the real fixture (the rings' own
 * races are played in one process by the ring package's NoLostWakeUpTest): verified round trips
 * through rings of one slot with eventfd doorbells, each side asleep in read(2) on nearly every
 * message. A read blocked on a lost wake-up never returns by itself: the watchdog kills the peer
 * after 10 s without progress, which rings the benchmark's doorbell, and the round trip fails
 * naming the peer.
 */
class EventfdRingWakeUpTest {
    private static final int ROUND_TRIPS = 50_000;

    @Test
    void roundTripsBetweenTwoProcessesLoseNoWakeUp() {
        Params params = new Params("eventfd", Map.of("shape", "RING", "wait", "BLOCKING", "capacity", "1", "size", "64",
                "verify", "true", "pinning", Pinning.fitting().name()));
        try (RoundTrip roundTrip = PeerTraffic.roundTrip(new EventfdMechanism(), params)) {
            SyncCounts.Totals before = SyncCounts.total().orElseThrow();
            for (long seq = 0; seq < ROUND_TRIPS; seq++) {
                roundTrip.onceVerified(seq);
            }
            SyncCounts.Totals spent = SyncCounts.total().orElseThrow().minus(before);
            String counted = params.describe() + ": " + ROUND_TRIPS + " round trips, " + spent.sleeps() + " sleeps";
            System.out.println(counted);
            assertTrue(spent.sleeps() >= ROUND_TRIPS, counted + "; each round trip puts at least one side to sleep");
        }
    }
}
