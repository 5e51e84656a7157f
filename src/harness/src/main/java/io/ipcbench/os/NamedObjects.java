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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The named kernel objects one benchmark trial creates: /dev/shm files, POSIX semaphores, and a
 * private directory under /tmp for FIFOs and socket files; other mechanisms register their
 * own objects' removal with {@link #onClose} (message queues through {@link QueueMarkers}).
 * Names read {@code ipcbench-<owner pid>-<random token>-<role>}: the pid lets a later run's
 * start-up sweep remove what a killed run left, the token (64 random bits, 16 hex digits) keeps
 * them unpredictable. Everything is created 0600 (directories 0700) and exclusively, never
 * through a symbolic link: a name that already exists, whatever another user put there, is an
 * error, never opened or reused. Everything is removed by {@link #close()} in reverse order of
 * creation.
 */
public final class NamedObjects implements AutoCloseable {
    public static final String PREFIX = "ipcbench";
    static final Path DEV_SHM = Paths.get("/dev/shm");
    /** Not java.io.tmpdir: a socket path must fit sun_path's 108 bytes. */
    static final Path TMP = Paths.get("/tmp");
    /** glibc keeps a named semaphore "/x" as the file /dev/shm/sem.x. */
    private static final String SEM_FILE_PREFIX = "sem.";
    private static final Pattern OWNED = Pattern.compile("^(?:sem\\.)?" + PREFIX + "-(\\d+)-[0-9a-f]+-.*");
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int TOKEN_BYTES = 8;

    private final String stem;
    private final Deque<Runnable> removals = new ArrayDeque<>();

    public NamedObjects() {
        this(RANDOM);
    }

    /** With a chosen source of tokens, so that a test can know the names in advance and plant objects there first. */
    NamedObjects(Random tokens) {
        byte[] token = new byte[TOKEN_BYTES];
        tokens.nextBytes(token);
        stem = PREFIX + "-" + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(token);
    }

    /**
     * Creates a /dev/shm file of {@code bytes} bytes (0600, O_EXCL, not following links) with its
     * pages reserved by posix_fallocate: a sparse file on a tmpfs that fills up later would kill
     * whichever process first stores to an unbacked page with SIGBUS. When /dev/shm cannot hold
     * it, the file is removed and the error names the bytes needed, the bytes free and the remedy.
     */
    public synchronized Path createShmFile(String role, long bytes) {
        Path file = DEV_SHM.resolve(name(role));
        // the length is reserved through the descriptor that created the file: reopening the path could meet another file
        int fd = Mmap.createExclusive(file);
        removals.push(() -> deleteQuietly(file));
        try {
            Mmap.allocate(fd, bytes);
        } catch (NativeException e) {
            if (e.errno() != Errno.ENOSPC) {
                throw e;
            }
            deleteQuietly(file);
            throw new IllegalStateException("/dev/shm cannot hold the rings: they need " + bytes + " bytes and /dev/shm has "
                    + usableSpace(DEV_SHM) + " bytes free (of " + totalSpace(DEV_SHM) + "); choose a smaller size or capacity,"
                    + " remove what fills it, or enlarge it: mount -o remount,size=" + mebibytesAbove(bytes) + "m /dev/shm");
        } finally {
            Libc.close(fd);
        }
        return file;
    }

    /** Creates a POSIX named semaphore (sem_open O_CREAT|O_EXCL, 0600) and returns its name. */
    public synchronized String createSemaphore(String role, int initialValue) {
        String name = "/" + name(role);
        Libc.semClose(Libc.semOpen(name, true, initialValue));
        removals.push(() -> Libc.semUnlink(name));
        return name;
    }

    /** A fresh name for an object of this trial: {@code ipcbench-<pid>-<token>-<role>}. */
    public String name(String role) {
        return stem + "-" + role;
    }

    /** Creates /tmp/ipcbench-...-<role>/, mode 0700 (fails if it exists); removed with everything in it. */
    public Path createPrivateDirectory(String role) {
        return createPrivateDirectory(TMP, role);
    }

    /**
     * The same in {@code parent}, for objects that must live on a given filesystem; a later run's
     * start-up sweep does not look there, so the mechanism calls {@link #sweepDeadOwners(Path)}.
     */
    public synchronized Path createPrivateDirectory(Path parent, String role) {
        Path dir = parent.resolve(name(role));
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        removals.push(() -> deleteTree(dir));
        return dir;
    }

    /** Registers the removal of an object created outside this class (a message queue, say). */
    public synchronized void onClose(Runnable removal) {
        removals.push(removal);
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
        for (Path entry : deadOwners(DEV_SHM)) {
            // a message queue's marker goes only once its queue is gone (see QueueMarkers)
            if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS) && QueueMarkers.removeMarkedQueue(entry)) {
                removed += deleteQuietly(entry) ? 1 : 0;
            }
        }
        if (Files.isDirectory(QueueMarkers.DEV_MQUEUE)) {
            for (Path entry : deadOwners(QueueMarkers.DEV_MQUEUE)) {
                removed += QueueMarkers.unlinkMounted(entry) ? 1 : 0;
            }
        }
        return removed + sweepDeadOwners(TMP);
    }

    /** Removes the private directories in {@code parent} whose owner process no longer exists. Returns how many. */
    public static int sweepDeadOwners(Path parent) {
        int removed = 0;
        for (Path entry : deadOwners(parent)) {
            if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                removed += deleteTree(entry) ? 1 : 0;
            }
        }
        return removed;
    }

    /** Entries of {@code dir} named by this project whose owner process no longer exists. */
    private static List<Path> deadOwners(Path dir) {
        List<Path> dead = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                Matcher m = OWNED.matcher(entry.getFileName().toString());
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                    dead.add(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + " to remove stale ipcbench objects", e);
        }
        return dead;
    }

    /**
     * Names of process {@code pid}'s objects present in /dev/shm (files, semaphores, message queue
     * markers), /tmp (directories) and /dev/mqueue (POSIX message queues, where it is mounted).
     */
    public static List<String> presentFor(long pid) {
        return Files.isDirectory(QueueMarkers.DEV_MQUEUE)
                ? presentFor(pid, DEV_SHM, TMP, QueueMarkers.DEV_MQUEUE) : presentFor(pid, DEV_SHM, TMP);
    }


    /** Names of process {@code pid}'s objects present in the given directories. */
    public static List<String> presentFor(long pid, Path... dirs) {
        String own = PREFIX + "-" + pid + "-";
        List<String> present = new ArrayList<>();
        for (Path dir : dirs) {
            try (var list = Files.list(dir)) {
                list.map(p -> p.getFileName().toString())
                        .filter(n -> n.startsWith(own) || n.startsWith(SEM_FILE_PREFIX + own))
                        .forEach(n -> present.add(dir.resolve(n).toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return present;
    }

    private static long usableSpace(Path dir) {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the free space of " + dir, e);
        }
    }

    private static long totalSpace(Path dir) {
        try {
            return Files.getFileStore(dir).getTotalSpace();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + dir, e);
        }
    }

    /** A /dev/shm size, in MiB, that holds {@code bytes} beside what it holds now. */
    private static long mebibytesAbove(long bytes) {
        long mebibyte = 1 << 20;
        return (totalSpace(DEV_SHM) - usableSpace(DEV_SHM) + bytes + mebibyte - 1) / mebibyte + 1;
    }

    /** Deletes a directory and what is in it, not following links (a planted link is removed, not its target). */
    private static boolean deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(NamedObjects::deleteQuietly);
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
        return !Files.exists(dir, LinkOption.NOFOLLOW_LINKS);
    }

    static boolean deleteQuietly(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            return false;
        }
    }
}
