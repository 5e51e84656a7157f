package io.ipcbench.os;

/**
 * A process that creates one POSIX and one System V queue and a System V semaphore set as a trial
 * does, prints {@code QUEUES <posix name> <msqid> <semid>} and waits to be killed, leaving all behind.
 */
public final class QueueOwnerMain {
    private QueueOwnerMain() {}

    public static void main(String[] args) throws InterruptedException {
        NamedObjects names = new NamedObjects();
        String posix = QueueMarkers.createPosixQueue(names, "posix", 1, 64);
        int sysv = QueueMarkers.createSysvQueue(names, "sysv", 64).id();
        int semaphores = QueueMarkers.createSysvSemaphores(names, "semaphores", 1, 0);
        System.out.println("QUEUES " + posix + " " + sysv + " " + semaphores);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
