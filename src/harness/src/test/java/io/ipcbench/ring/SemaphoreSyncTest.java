package io.ipcbench.ring;

import io.ipcbench.link.Liveness;
import io.ipcbench.os.NamedObjects;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A semaphore wait that finds the count there takes it as sem_wait's fast path does, without
 * reading the clock: the deadline of sem_timedwait is built only on the way to sleep.
 */
class SemaphoreSyncTest {
    private static final int CAPACITY = 4;
    private static final int SIZE = 64;
    /**
     * The other side is this test, which never publishes on its own: a check means a wait timed
     * out, which ends it here (a real trial would check the peer and wait on).
     */
    private static final Liveness CHECK_ENDS_THE_WAIT = new Liveness() {
        @Override
        public void check(String waitingFor) {
            throw new IllegalStateException("timed out waiting for " + waitingFor);
        }

        @Override
        public RuntimeException gone(String waitingFor) {
            return new IllegalStateException("gone while waiting for " + waitingFor);
        }
    };

    @Test
    void aWaitThatFindsTheCountBuildsNoDeadlineAndOneThatSleepsDoes() {
        try (NamedObjects names = new NamedObjects(); Arena arena = Arena.ofShared()) {
            RingLayout layout = RingLayout.PADDED;
            Ring ring = new Ring(arena.allocate(layout.regionBytes(CAPACITY, SIZE), 4096), layout, CAPACITY, SIZE);
            SemaphoreSync sync = new SemaphoreSync(ring, CHECK_ENDS_THE_WAIT,
                    names.createSemaphore("room", CAPACITY), names.createSemaphore("messages", 0));
            try {
                for (long i = 0; i < 10 * CAPACITY; i++) {
                    sync.awaitRoom(i);
                    sync.publish(i + 1);
                    sync.awaitMessage(i);
                    sync.release(i + 1);
                }
                assertEquals(0, deadlineSeconds(sync), "ten laps of the ring, every count there: no deadline built");

                // nothing published: the wait sleeps in sem_timedwait until its deadline, then checks the other side
                IllegalStateException timedOut = assertThrows(IllegalStateException.class, () -> sync.awaitMessage(10 * CAPACITY));
                assertEquals("timed out waiting for a message in the ring", timedOut.getMessage());
                assertNotEquals(0, deadlineSeconds(sync), "a wait that had to sleep bounded its sleep by a deadline");
            } finally {
                sync.close();
            }
        }
    }

    private static long deadlineSeconds(SemaphoreSync sync) {
        return sync.deadline.get(ValueLayout.JAVA_LONG, 0);
    }
}
