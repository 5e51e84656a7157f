package io.ipcbench.cli.run;

import io.ipcbench.cli.usage.CliException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One benchmark run at a time on a machine. JMH takes a lock ({@value #JMH_LOCK} in the temporary
 * folder) for each module and a second run's module fails on it, hours into that run if it started
 * between two modules of the first. So a run holds {@value #RUN_LOCK} from before its first fork to
 * its end, with who it is written in it, and a run that finds either lock held stops before
 * anything starts, naming the run or process that holds it.
 */
final class RunLock implements AutoCloseable {
    static final String RUN_LOCK = "ipcbench-run.lock";
    static final String JMH_LOCK = "jmh.lock";
    static final String FOLDER_PROPERTY = "ipcbench.lockFolder";
    private static final int MAX_COMMAND_CHARS = 200;

    private final FileChannel channel;

    private RunLock(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * Where JMH keeps its lock, the temporary folder; the runner's own tests, which run no JMH, take
     * the runner's lock in a folder of their own ({@value #FOLDER_PROPERTY}) so that a JMH running
     * on the same machine does not stop them.
     */
    static Path folder() {
        return Path.of(System.getProperty(FOLDER_PROPERTY, System.getProperty("java.io.tmpdir")));
    }

    /** Takes the machine for the run {@code holder} describes, or throws saying who has it. */
    static RunLock acquire(Path tmpDir, String holder) {
        Path runLock = tmpDir.resolve(RUN_LOCK);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(runLock, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            if (tryLock(channel) == null) {
                String other = new String(Files.readAllBytes(runLock), StandardCharsets.UTF_8).strip();
                throw new CliException("another benchmark run holds this machine: " + (other.isEmpty() ? "see " + runLock : other)
                        + "; JMH runs one at a time on a machine: wait for it to end, or stop it");
            }
            requireJmhLockFree(tmpDir.resolve(JMH_LOCK));
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((holder + ", pid " + ProcessHandle.current().pid() + ", started "
                    + Instant.now().toString().replaceFirst("\\.\\d+Z$", "Z")).getBytes(StandardCharsets.UTF_8)));
            return new RunLock(channel);
        } catch (IOException e) {
            close(channel);
            throw new CliException("cannot take " + runLock + " (" + e.getMessage() + "), which keeps two runs off one machine;"
                    + " make the temporary folder writable");
        } catch (CliException e) {
            close(channel);
            throw e;
        }
    }

    /** JMH's lock held by a JMH started some other way than by this suite's runner (by hand, another checkout). */
    private static void requireJmhLockFree(Path jmhLock) throws IOException {
        if (!Files.exists(jmhLock)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(jmhLock, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock != null) {
                lock.release();
                return;
            }
        }
        throw new CliException("a JMH benchmark holds this machine (its lock " + jmhLock + "): " + holderOf(jmhLock)
                + "; JMH runs one at a time on a machine: wait for it to end, or stop it");
    }

    /** Null when another process holds the lock; this process holding it counts as held too. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldHere) {
            return null;
        }
    }

    /** Who holds a lock on {@code file}, from /proc/locks: its pid, start time and command line. */
    static String holderOf(Path file) {
        try {
            String inode = ":" + Files.getAttribute(file, "unix:ino") + " ";
            List<String> locks = Files.readAllLines(Path.of("/proc/locks"));
            Optional<Long> pid = locks.stream().map(line -> line.strip().split("\\s+"))
                    // "1: POSIX ADVISORY WRITE <pid> <major>:<minor>:<inode> 0 EOF"; a waiter's line has "->" after the number
                    .filter(f -> f.length > 5 && !f[1].equals("->") && (f[5] + " ").endsWith(inode))
                    .map(f -> Long.parseLong(f[4])).findFirst();
            return pid.map(RunLock::describe).orElse("a process /proc/locks does not name");
        } catch (IOException | UnsupportedOperationException | NumberFormatException e) {
            return "a process this runner cannot name (" + e.getMessage() + ")";
        }
    }

    private static String describe(long pid) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        String started = process.flatMap(p -> p.info().startInstant()).map(i -> ", started " + i.toString().replaceFirst("\\.\\d+Z$", "Z")).orElse("");
        String command = process.flatMap(p -> p.info().commandLine()).map(c -> ", " + (c.length() > MAX_COMMAND_CHARS
                ? c.substring(0, MAX_COMMAND_CHARS) + "…" : c)).orElse("");
        return "pid " + pid + started + command;
    }

    @Override
    public void close() {
        close(channel);
    }

    private static void close(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // the lock goes with the process at the latest
        }
    }
}
