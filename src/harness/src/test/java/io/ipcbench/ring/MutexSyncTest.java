package io.ipcbench.ring;

import io.ipcbench.link.Liveness;
import io.ipcbench.os.Pthreads;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * sync=MUTEX on a ring in this process: the platform's pthread objects are the sizes the ring
 * reserves; a hand-off that finds its index moved neither sleeps nor signals; a wait with nothing
 * coming sleeps on the condition, bounded, then checks the other side; and an owner that died
 * holding the mutex fails the next lock with EOWNERDEAD instead of hanging it.
 */
class MutexSyncTest {
    private static final int CAPACITY = 4;
    private static final int SIZE = 64;
    /** The other side is this test, which never publishes on its own: a check ends the wait here, as does its being gone. */
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
    void thisPlatformsMutexAndConditionAreTheSizesTheRingReserves() {
        Pthreads.requireLayouts();
    }

    @Test
    void readyHandOffsNeitherSleepNorSignalAndAWaitForNothingSleepsBoundedThenChecks() {
        try (Arena arena = Arena.ofShared()) {
            Ring ring = ring(arena);
            MutexSync sync = new MutexSync(ring, CHECK_ENDS_THE_WAIT);
            for (long i = 0; i < 10 * CAPACITY; i++) {
                sync.awaitRoom(i);
                sync.publish(i + 1);
                sync.awaitMessage(i);
                sync.release(i + 1);
            }
            assertEquals(0, sleepsAndWakes(ring), "ten laps of the ring, every index moved before its wait");

            IllegalStateException timedOut = assertThrows(IllegalStateException.class, () -> sync.awaitMessage(10 * CAPACITY));
            assertEquals("timed out waiting for a message in the ring", timedOut.getMessage());
            assertEquals(1, ring.consumerCounters.sleepsOpaque(), "the wait slept once on the condition before it checked");
            assertEquals(0, Pthreads.tryLock(ring.mutex), "the failed wait released the mutex");
            Pthreads.unlock(ring.mutex);
        }
    }

    @Test
    void aLockWhoseOwnerDiedHoldingItFailsNamingTheDeathAndLeavesTheMutexUsable() throws InterruptedException {
        try (Arena arena = Arena.ofShared()) {
            Ring ring = ring(arena);
            // a thread's exit releases its robust mutexes as a process's does: the kernel walks the thread's robust list
            Thread owner = new Thread(() -> assertEquals(0, Pthreads.tryLock(ring.mutex)));
            owner.start();
            owner.join();

            MutexSync sync = new MutexSync(ring, CHECK_ENDS_THE_WAIT);
            IllegalStateException died = assertThrows(IllegalStateException.class, () -> sync.awaitMessage(0));
            assertEquals("gone while waiting for a message in the ring (the other process died holding the ring's mutex: EOWNERDEAD)",
                    died.getMessage());
            assertEquals(0, Pthreads.tryLock(ring.mutex), "made consistent and released: usable again");
            Pthreads.unlock(ring.mutex);
        }
    }

    private static Ring ring(Arena arena) {
        RingLayout layout = RingLayout.PADDED;
        SharedRings rings = new SharedRings(layout, CAPACITY, SIZE);
        MemorySegment memory = arena.allocate(rings.bytes(), 4096);
        rings.initialiseSync(SyncKind.MUTEX, memory);
        return new Ring(memory.asSlice(0, layout.regionBytes(CAPACITY, SIZE)), layout, CAPACITY, SIZE);
    }

    private static long sleepsAndWakes(Ring ring) {
        return ring.producerCounters.sleepsOpaque() + ring.producerCounters.wakesOpaque()
                + ring.consumerCounters.sleepsOpaque() + ring.consumerCounters.wakesOpaque();
    }
}
