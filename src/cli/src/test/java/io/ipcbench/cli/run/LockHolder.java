package io.ipcbench.cli.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Another process holding the machine, for {@link RunLockTest}: {@code LockHolder DIR run} takes the
 * runner's lock in DIR as a run does, {@code LockHolder DIR jmh} takes JMH's lock as JMH does; it says
 * "holding" and keeps the lock until its standard input closes.
 */
public final class LockHolder {
    private LockHolder() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        AutoCloseable held;
        if (args[1].equals("run")) {
            held = RunLock.acquire(dir, "ipcbench run --profile=held in /somewhere");
        } else {
            FileChannel channel = FileChannel.open(dir.resolve(RunLock.JMH_LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channel.lock();
            held = channel;
        }
        System.out.println("holding");
        System.out.flush();
        System.in.readAllBytes();
        try {
            held.close();
        } catch (Exception e) {
            throw new IOException(e);
        }
    }
}
