package io.ipcbench.os;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Message queues, System V semaphore sets and segments a SIGKILLed process left are found again
 * through their markers in /dev/shm and removed by the next start-up sweep, without /dev/mqueue being mounted; a live owner's
 * queues are left alone, and a marker cannot make the sweep remove a queue its owner did not create.
 */
class QueueMarkersTest {
    @Test
    void theSweepRemovesTheQueuesOfAKilledOwnerThroughTheirMarkers() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process owner = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                QueueOwnerMain.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String[] queues = queuesOf(owner);
        String posix = queues[1];
        int sysv = Integer.parseInt(queues[2]);
        int semaphores = Integer.parseInt(queues[3]);
        int segment = Integer.parseInt(queues[4]);
        try {
            assertEquals(2, NamedObjects.presentFor(owner.pid()).stream().filter(n -> n.endsWith("-mq") || n.endsWith("-msg")).count(),
                    "one marker per queue: " + NamedObjects.presentFor(owner.pid()));
            NamedObjects.sweepDeadOwners();
            assertTrue(posixQueueExists(posix), "a live owner's POSIX queue is not swept");
            assertEquals(0600, SysvMessageQueues.owner(sysv).mode(), "a live owner's System V queue is not swept");
            assertEquals(0600, SysvSemaphores.owner(semaphores).mode(), "a live owner's System V semaphore set is not swept");
            assertEquals(0600, SysvSharedMemory.owner(segment).mode(), "a live owner's System V segment is not swept");

            owner.destroyForcibly().waitFor();
            assertTrue(posixQueueExists(posix) && sysvQueueExists(sysv), "SIGKILL runs no clean-up: both queues are still there");
            NamedObjects.sweepDeadOwners();
            assertFalse(posixQueueExists(posix), "the sweep unlinked " + posix);
            assertFalse(sysvQueueExists(sysv), "the sweep removed System V queue " + sysv);
            assertFalse(semaphoreSetExists(semaphores), "the sweep removed System V semaphore set " + semaphores);
            assertFalse(segmentExists(segment), "the sweep removed System V segment " + segment);
            assertEquals(List.of(), NamedObjects.presentFor(owner.pid()), "the markers went with their queues");
        } finally {
            owner.destroyForcibly().waitFor();
            MessageQueues.unlink(posix);
            SysvMessageQueues.remove(sysv);
            SysvSemaphores.remove(semaphores);
            SysvSharedMemory.remove(segment);
        }
    }

    @Test
    void aSemaphoreSetGoesWithItsMarkerWhenTheTrialCloses() {
        NamedObjects names = new NamedObjects();
        int semid;
        try {
            semid = QueueMarkers.createSysvSemaphores(names, "closed", 3, 0);
            assertEquals(1, NamedObjects.presentFor(ProcessHandle.current().pid()).stream().filter(n -> n.endsWith("-closed.sysv-sem")).count());
            assertTrue(semaphoreSetExists(semid));
        } finally {
            names.close();
        }
        assertFalse(semaphoreSetExists(semid), "IPC_RMID at close");
        assertEquals(0, NamedObjects.presentFor(ProcessHandle.current().pid()).stream().filter(n -> n.endsWith("-closed.sysv-sem")).count(),
                "the marker went with its set");
    }

    @Test
    void aSystemWithoutRoomForTheSetIsRefusedNamingKernelSem() {
        String refusal = SysvSemaphores.limitReached(4, Errno.ENOSPC).getMessage();
        assertTrue(refusal.startsWith("semget failed: ENOSPC (no space left on device): the system holds as many System V semaphore sets"
                + " (SEMMNI) or semaphores (SEMMNS) as kernel.sem allows (kernel.sem = \""), refusal);
        assertTrue(refusal.contains("sysctl -w kernel.sem="), refusal);
    }

    @Test
    void aSystemWithoutRoomForTheSegmentIsRefusedNamingTheSharedMemorySysctls() {
        String refusal = SysvSharedMemory.limitReached(1 << 20, Errno.ENOSPC).getMessage();
        assertTrue(refusal.startsWith("shmget failed: ENOSPC (no space left on device): the system holds as many System V shared memory"
                + " segments as kernel.shmmni allows ("), refusal);
        assertTrue(refusal.contains("kernel.shmall"), refusal);
        assertTrue(refusal.contains("sysctl -w kernel.shmmni="), refusal);
    }

    /** Needs root to give the planted marker another owner. */
    @Test
    void aMarkerOfAnotherUserCannotRemoveOurQueue() throws Exception {
        assumeTrue(ProcessHandle.current().info().user().orElse("").equals("root"), "only root can plant a marker owned by another user");
        int key = 0x1bc0ffee;
        int victim = SysvMessageQueues.createExclusive(key);
        assertTrue(victim >= 0, "a queue with test key " + key + " already exists");
        Path marker = NamedObjects.DEV_SHM.resolve(NamedObjects.PREFIX + "-" + deadPid() + "-abc123-planted.sysv-msg");
        try {
            Files.writeString(marker, "key=" + key);
            Files.setAttribute(marker, "unix:uid", 65534);
            NamedObjects.sweepDeadOwners();
            assertTrue(sysvQueueExists(victim), "a queue its marker's owner did not create survives the sweep");
            assertFalse(Files.exists(marker), "the stale marker itself is removed");
        } finally {
            Files.deleteIfExists(marker);
            SysvMessageQueues.remove(victim);
        }
    }

    private static String[] queuesOf(Process owner) throws IOException {
        BufferedReader out = owner.inputReader();
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("QUEUES ")) {
                return line.split(" ");
            }
        }
        throw new AssertionError("the queue owner exited with " + owner.onExit().join().exitValue());
    }

    private static boolean posixQueueExists(String name) {
        try {
            MessageQueues.close(MessageQueues.open(name, MessageQueues.O_RDONLY));
            return true;
        } catch (NativeException e) {
            assertEquals(Errno.ENOENT, e.errno(), e.getMessage());
            return false;
        }
    }

    private static boolean sysvQueueExists(int msqid) {
        try {
            SysvMessageQueues.owner(msqid);
            return true;
        } catch (NativeException e) {
            assertEquals(Errno.EINVAL, e.errno(), e.getMessage());
            return false;
        }
    }

    private static boolean semaphoreSetExists(int semid) {
        try {
            SysvSemaphores.owner(semid);
            return true;
        } catch (NativeException e) {
            assertEquals(Errno.EINVAL, e.errno(), e.getMessage());
            return false;
        }
    }

    private static boolean segmentExists(int shmid) {
        try {
            SysvSharedMemory.owner(shmid);
            return true;
        } catch (NativeException e) {
            assertEquals(Errno.EINVAL, e.errno(), e.getMessage());
            return false;
        }
    }

    /** The pid of a process that has exited. */
    private static long deadPid() throws Exception {
        Process done = new ProcessBuilder("true").start();
        done.waitFor();
        assertThrows(Exception.class, () -> ProcessHandle.of(done.pid()).orElseThrow());
        return done.pid();
    }
}
