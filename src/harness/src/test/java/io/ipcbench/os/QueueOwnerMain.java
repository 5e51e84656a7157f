package io.ipcbench.os;

/**
 * A process that creates one POSIX and one System V queue, a System V semaphore set and a System V
 * shared memory segment as a trial does, prints {@code QUEUES <posix name> <msqid> <semid> <shmid>}
 * and waits to be killed, leaving all behind.
 */
public final class QueueOwnerMain {
    private QueueOwnerMain() {}

    public static void main(String[] args) throws InterruptedException {
        NamedObjects names = new NamedObjects();
        String posix = QueueMarkers.createPosixQueue(names, "posix", 1, 64);
        int sysv = QueueMarkers.createSysvQueue(names, "sysv", 64).id();
        int semaphores = QueueMarkers.createSysvSemaphores(names, "semaphores", 1, 0);
        int segment = QueueMarkers.createSysvSharedMemory(names, "segment", 4096).id();
        System.out.println("QUEUES " + posix + " " + sysv + " " + semaphores + " " + segment);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
