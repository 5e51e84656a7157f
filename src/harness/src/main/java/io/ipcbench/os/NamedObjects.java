package io.ipcbench.os;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The named kernel objects one benchmark trial creates: /dev/shm files and POSIX semaphores.
 * Names read {@code ipcbench-<owner pid>-<random token>-<role>}: the pid lets a later run's
 * start-up sweep remove what a killed run left, the token keeps them unpredictable. Everything
 * is created 0600 and exclusively (a name that already exists is an error, never reused), and
 * removed by {@link #close()} in reverse order of creation.
 */
public final class NamedObjects implements AutoCloseable {
    public static final String PREFIX = "ipcbench";
    static final Path DEV_SHM = Paths.get("/dev/shm");
    /** glibc keeps a named semaphore "/x" as the file /dev/shm/sem.x. */
    private static final String SEM_FILE_PREFIX = "sem.";
    private static final Pattern OWNED = Pattern.compile("^(?:sem\\.)?" + PREFIX + "-(\\d+)-[0-9a-f]+-.*");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String stem;
    private final Deque<Runnable> removals = new ArrayDeque<>();

    public NamedObjects() {
        byte[] token = new byte[6];
        RANDOM.nextBytes(token);
        stem = PREFIX + "-" + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(token);
    }

    /** Creates an empty /dev/shm file of {@code bytes} bytes (0600, O_EXCL, not following links). */
    public synchronized Path createShmFile(String role, long bytes) {
        Path file = DEV_SHM.resolve(stem + "-" + role);
        long free = usableSpace(DEV_SHM);
        if (bytes > free) {
            throw new IllegalStateException("/dev/shm has " + free + " bytes free but the ring needs " + bytes
                    + ": choose a smaller size or capacity, or enlarge /dev/shm (mount -o remount,size=... /dev/shm)");
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            removals.push(() -> deleteQuietly(file));
            try (var raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(bytes);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }

    /** Creates a POSIX named semaphore (sem_open O_CREAT|O_EXCL, 0600) and returns its name. */
    public synchronized String createSemaphore(String role, int initialValue) {
        String name = "/" + stem + "-" + role;
        Libc.semClose(Libc.semOpen(name, true, initialValue));
        removals.push(() -> Libc.semUnlink(name));
        return name;
    }

    @Override
    public synchronized void close() {
        while (!removals.isEmpty()) {
            removals.pop().run();
        }
    }

    /**
     * Removes what earlier runs left behind: objects whose owner process no longer exists
     * (a benchmark JVM killed with SIGKILL runs no clean-up of its own). Returns how many.
     */
    public static int sweepDeadOwners() {
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(DEV_SHM)) {
            for (Path entry : entries) {
                Matcher m = OWNED.matcher(entry.getFileName().toString());
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()
                        && !Files.isSymbolicLink(entry) && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    removed += deleteQuietly(entry) ? 1 : 0;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + DEV_SHM + " to remove stale ipcbench objects", e);
        }
        return removed;
    }

    /** Names of this process's pid currently present in /dev/shm (files and semaphores). */
    public static java.util.List<String> presentFor(long pid) {
        String own = PREFIX + "-" + pid + "-";
        try (var list = Files.list(DEV_SHM)) {
            return list.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(own) || n.startsWith(SEM_FILE_PREFIX + own))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long usableSpace(Path dir) {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the free space of " + dir, e);
        }
    }

    private static boolean deleteQuietly(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            return false;
        }
    }
}
