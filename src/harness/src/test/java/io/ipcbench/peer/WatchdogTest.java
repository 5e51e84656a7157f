package io.ipcbench.peer;

import io.ipcbench.link.PeerFailure;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The watchdog judges only operations under way: a peer left idle between operations for several
 * stall bounds lives on, one that holds an operation up is given up on within the bound plus the
 * watchdog's poll. A one-second bound keeps the test short; the fault matrix checks the real one.
 */
class WatchdogTest {
    private static final long BOUND_SECONDS = 1;

    @Test
    void anIdlePeerIsNeverJudged() throws InterruptedException {
        FakePeer peer = new FakePeer();
        try (Watchdog watchdog = new Watchdog(peer, BOUND_SECONDS)) {
            watchdog.start();
            Thread.sleep(3 * BOUND_SECONDS * 1000);
            watchdog.operationBegins();
            watchdog.progressed();
            Thread.sleep(3 * BOUND_SECONDS * 1000);
            assertTrue(peer.isAlive(), "idle for three stall bounds before and after an operation, yet judged: " + peer.why);
        }
    }

    @Test
    void anOperationThatMakesNoProgressIsJudgedWithinTheBound() throws InterruptedException {
        FakePeer peer = new FakePeer();
        try (Watchdog watchdog = new Watchdog(peer, BOUND_SECONDS)) {
            watchdog.start();
            Thread.sleep(2 * BOUND_SECONDS * 1000);
            long start = System.nanoTime();
            watchdog.operationBegins();
            // the bound, plus two of the watchdog's 250 ms polls, plus a generous second for a busy machine
            assertTrue(peer.stalled.await(BOUND_SECONDS + 2, TimeUnit.SECONDS), "a stalled operation was never judged");
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertTrue(seconds >= BOUND_SECONDS, "judged after " + seconds + " s, before the bound");
            assertEquals("made no progress for " + BOUND_SECONDS + " s", peer.why);
        }
    }

    @Test
    void operationsThatKeepProgressingAreNotJudged() throws InterruptedException {
        FakePeer peer = new FakePeer();
        try (Watchdog watchdog = new Watchdog(peer, BOUND_SECONDS)) {
            watchdog.start();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3 * BOUND_SECONDS);
            while (System.nanoTime() < end) {
                watchdog.operationBegins();
                Thread.sleep(BOUND_SECONDS * 1000 / 4);
                watchdog.progressed();
            }
            assertTrue(peer.isAlive(), "judged while every operation completed: " + peer.why);
        }
    }

    private static final class FakePeer implements Peer {
        final CountDownLatch stalled = new CountDownLatch(1);
        volatile String why;

        @Override
        public boolean isAlive() {
            return why == null;
        }

        @Override
        public void stalled(String why) {
            this.why = why;
            stalled.countDown();
        }

        @Override
        public PeerFailure failure(String waitingFor) {
            return new PeerFailure("stalled while waiting for " + waitingFor);
        }

        @Override
        public String label() {
            return "fake";
        }
    }
}
