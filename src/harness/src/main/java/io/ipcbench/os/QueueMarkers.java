package io.ipcbench.os;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * Message queues, System V semaphore sets and System V shared memory segments that the next run
 * can remove even when this one is killed with SIGKILL. A POSIX queue lives in a file system of its own, listed only where it
 * is mounted (/dev/mqueue, absent in many containers and VMs), and a System V object has no name
 * at all, so none can be found by the start-up sweep's usual listing of /dev/shm. Each therefore
 * gets a marker file in /dev/shm, named like the trial's other objects (owner pid, random token),
 * created 0600 before the object itself:
 * <ul>
 *   <li>{@code <name>.posix-mq}, empty: the queue is {@code /<name>};</li>
 *   <li>{@code <name>.sysv-msg}, holding {@code key=<n>}: the queue was created with that IPC
 *       key, so msgget(key, 0) finds it again (an IPC_PRIVATE queue could not be told from
 *       another program's after its creator died).</li>
 *   <li>{@code <name>.sysv-sem}, holding {@code key=<n>}: the same for a System V semaphore set.</li>
 *   <li>{@code <name>.sysv-shm}, holding {@code key=<n>}: the same for a System V shared memory
 *       segment, until the trial marks it for removal (IPC_RMID, which also drops its key).</li>
 * </ul>
 * {@link NamedObjects#sweepDeadOwners} removes a dead owner's queue through its marker, then
 * the marker. Where /dev/mqueue is mounted it also unlinks dead owners' POSIX queues listed
 * there, which covers queues made by code that wrote no marker.
 */
public final class QueueMarkers {
    static final Path DEV_MQUEUE = Paths.get("/dev/mqueue");
    private static final String POSIX = ".posix-mq";
    private static final String SYSV = ".sysv-msg";
    private static final String SYSV_SEMAPHORES = ".sysv-sem";
    private static final String SYSV_SHARED_MEMORY = ".sysv-shm";
    private static final String KEY = "key=";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A System V queue (or shared memory segment) of this trial; {@link #remove} may run from any thread, and acts once. */
    public record SysvQueue(int id, Runnable remove) {}

    /** The kinds of System V object behind a marker, each with how it is created, found, inspected and removed. */
    private enum SysvKind {
        QUEUE(SYSV, "queue"),
        SEMAPHORES(SYSV_SEMAPHORES, "semaphore set"),
        SHARED_MEMORY(SYSV_SHARED_MEMORY, "shared memory segment");

        final String suffix;
        final String what;

        SysvKind(String suffix, String what) {
            this.suffix = suffix;
            this.what = what;
        }

        int find(int key) {
            return switch (this) {
                case QUEUE -> SysvMessageQueues.find(key);
                case SEMAPHORES -> SysvSemaphores.find(key);
                case SHARED_MEMORY -> SysvSharedMemory.find(key);
            };
        }

        SysvMessageQueues.Owner owner(int id) {
            return switch (this) {
                case QUEUE -> SysvMessageQueues.owner(id);
                case SEMAPHORES -> SysvSemaphores.owner(id);
                case SHARED_MEMORY -> SysvSharedMemory.owner(id);
            };
        }

        void remove(int id) {
            switch (this) {
                case QUEUE -> SysvMessageQueues.remove(id);
                case SEMAPHORES -> SysvSemaphores.remove(id);
                case SHARED_MEMORY -> SysvSharedMemory.remove(id);
            }
        }
    }

    private QueueMarkers() {}

    /** Creates the POSIX queue {@code /<name(role)>} (0600, exclusive) behind a marker; removed when {@code names} closes. */
    public static String createPosixQueue(NamedObjects names, String role, long maxMessages, long messageSize) {
        String name = names.name(role);
        String queue = "/" + name;
        Path marker = NamedObjects.DEV_SHM.resolve(name + POSIX);
        writeMarker(marker, "", true);
        names.onClose(once("the queue marker " + marker, () -> Files.deleteIfExists(marker)));
        MessageQueues.create(queue, maxMessages, messageSize);
        // only once it is ours: a queue someone else made under this name stays theirs
        names.onClose(once(queue, () -> MessageQueues.unlink(queue)));
        return queue;
    }

    /**
     * Creates a System V queue (0600, with a fresh random key, exclusive) behind a marker and
     * limits it to {@code queueBytes} bytes of messages; removed when {@code names} closes, or
     * earlier through {@link SysvQueue#remove}.
     */
    public static SysvQueue createSysvQueue(NamedObjects names, String role, long queueBytes) {
        SysvQueue queue = createSysv(names, role, SysvKind.QUEUE, SysvMessageQueues::createExclusive);
        SysvMessageQueues.setQueueBytes(queue.id(), queueBytes);
        return queue;
    }

    /**
     * Creates a System V set of {@code initialValues.length} semaphores holding those values (0600,
     * with a fresh random key, exclusive) behind a marker; removed when {@code names} closes.
     * Returns its semid.
     */
    public static int createSysvSemaphores(NamedObjects names, String role, int... initialValues) {
        int semid = createSysv(names, role, SysvKind.SEMAPHORES, key -> SysvSemaphores.createExclusive(key, initialValues.length)).id();
        for (int i = 0; i < initialValues.length; i++) {
            SysvSemaphores.setValue(semid, i, initialValues[i]);
        }
        return semid;
    }

    /**
     * Creates a System V shared memory segment of {@code bytes} (0600, with a fresh random key,
     * exclusive) behind a marker. {@link SysvQueue#remove} marks it for removal (IPC_RMID: it goes
     * at its last detach) and deletes the marker; so does closing {@code names}, if nothing did before.
     */
    public static SysvQueue createSysvSharedMemory(NamedObjects names, String role, long bytes) {
        return createSysv(names, role, SysvKind.SHARED_MEMORY, key -> SysvSharedMemory.createExclusive(key, bytes));
    }

    private static SysvQueue createSysv(NamedObjects names, String role, SysvKind kind, IntUnaryOperator createExclusive) {
        Path marker = NamedObjects.DEV_SHM.resolve(names.name(role) + kind.suffix);
        writeMarker(marker, "", true);
        AtomicInteger id = new AtomicInteger(-1);
        Runnable remove = once("the System V " + kind.what + " of " + marker, () -> {
            if (id.get() >= 0) {
                kind.remove(id.get());
            }
            Files.deleteIfExists(marker);
        });
        names.onClose(remove);
        while (id.get() < 0) {
            int key = 1 + RANDOM.nextInt(Integer.MAX_VALUE - 1);
            writeMarker(marker, KEY + key, false);
            id.set(createExclusive.applyAsInt(key));
        }
        return new SysvQueue(id.get(), remove);
    }

    /**
     * For the start-up sweep: removes the queue, semaphore set or segment that a dead owner's marker names.
     * True when no object is left and the entry may go, which is also the answer for a file that
     * is no marker. A System V object is removed only if the marker's owner created it with mode
     * 0600: a key reused by someone else since, or a marker planted by another user, removes nothing.
     */
    static boolean removeMarkedQueue(Path entry) {
        String file = entry.getFileName().toString();
        try {
            if (file.endsWith(POSIX)) {
                MessageQueues.unlink("/" + file.substring(0, file.length() - POSIX.length()));
            } else {
                for (SysvKind kind : SysvKind.values()) {
                    if (file.endsWith(kind.suffix)) {
                        String content = Files.readString(entry, StandardCharsets.US_ASCII).strip();
                        int id = content.startsWith(KEY) ? kind.find(Integer.parseInt(content.substring(KEY.length()))) : -1;
                        int markerUid = (int) Files.getAttribute(entry, "unix:uid", LinkOption.NOFOLLOW_LINKS);
                        if (id >= 0 && kind.owner(id).equals(new SysvMessageQueues.Owner(markerUid, 0600))) {
                            kind.remove(id);
                        }
                    }
                }
            }
            return true;
        } catch (IOException | NumberFormatException e) {
            return true; // an unreadable or malformed marker names no queue
        } catch (RuntimeException e) {
            return false; // e.g. EACCES: the queue stays, and so does its marker for a later try
        }
    }

    /** The POSIX queue named by an entry of /dev/mqueue. */
    static boolean unlinkMounted(Path entry) {
        try {
            return MessageQueues.unlink("/" + entry.getFileName());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Creates the marker (0600, failing if it exists) or rewrites it, never through a link. */
    private static void writeMarker(Path marker, String content, boolean create) {
        try {
            if (create) {
                Files.createFile(marker, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(marker, content, StandardCharsets.US_ASCII,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the queue marker " + marker, e);
        }
    }

    private interface Removal {
        void run() throws IOException;
    }

    /**
     * A removal that acts once whoever calls it first (the session's close, or a peer's exit), so
     * a queue id the kernel may hand out again later is never removed twice; a second caller
     * returns only when the first is done. A failure is reported and leaves the marker, so the
     * next run's sweep tries again.
     */
    private static Runnable once(String what, Removal removal) {
        return new Runnable() {
            private boolean done;

            @Override
            public synchronized void run() {
                if (done) {
                    return;
                }
                done = true;
                try {
                    removal.run();
                } catch (IOException | RuntimeException e) {
                    System.err.println("ipcbench: cannot remove " + what + " (" + e.getMessage() + "); the next run's start-up sweep retries");
                }
            }
        };
    }
}
