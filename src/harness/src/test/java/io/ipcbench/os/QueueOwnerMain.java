package io.ipcbench.os;

/**
 * A process that creates one POSIX and one System V queue as a trial does, prints
 * {@code QUEUES <posix name> <msqid>} and waits to be killed, leaving both behind.
 */
public final class QueueOwnerMain {
    private QueueOwnerMain() {}

    public static void main(String[] args) throws InterruptedException {
        NamedObjects names = new NamedObjects();
        String posix = QueueMarkers.createPosixQueue(names, "posix", 1, 64);
        int sysv = QueueMarkers.createSysvQueue(names, "sysv", 64).id();
        System.out.println("QUEUES " + posix + " " + sysv);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
