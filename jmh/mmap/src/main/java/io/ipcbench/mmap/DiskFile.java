package io.ipcbench.mmap;

import io.ipcbench.os.Libc;
import io.ipcbench.os.Mmap;
import io.ipcbench.os.NamedObjects;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The DISK backing's file: a regular file (0600, its blocks reserved with posix_fallocate, so a
 * store through the mapping cannot meet a full disk) in a private directory (0700) named like
 * every object of the suite: removed at tear-down, and swept by the next DISK trial when its
 * owner was killed. The directory's parent is {@code -Dipcbench.mmap.dir}, else /var/tmp, which
 * is meant to live on disk where /tmp is often tmpfs. A parent on a memory filesystem is refused:
 * DISK would measure DEV_SHM again. The filesystem used is written to stderr (the JMH log).
 */
final class DiskFile {
    static final String DIR_PROPERTY = "ipcbench.mmap.dir";
    private static final Path DEFAULT_PARENT = Path.of("/var/tmp");
    private static final Set<String> MEMORY_FILESYSTEMS = Set.of("tmpfs", "ramfs");

    private DiskFile() {}

    /** Where DISK files go: the property, else /var/tmp. */
    static Path parent() {
        String dir = System.getProperty(DIR_PROPERTY, "").strip();
        return dir.isEmpty() ? DEFAULT_PARENT : Path.of(dir);
    }

    /** The parent's filesystem, checked: it exists and is on a disk. Creates nothing, so a trial's validation can ask. */
    static FileStore usableStore() {
        Path parent = parent();
        FileStore store = store(parent);
        if (MEMORY_FILESYSTEMS.contains(store.type())) {
            throw new IllegalStateException("mmap backing=DISK: " + parent + " is on " + store.type()
                    + ", a filesystem in memory, so DISK would measure DEV_SHM again; choose a directory on a disk with -D"
                    + DIR_PROPERTY + "=DIR");
        }
        return store;
    }

    static Path create(NamedObjects names, long bytes) {
        Path parent = parent();
        FileStore store = usableStore();
        long free = usableSpace(store);
        if (bytes > free) {
            throw new IllegalStateException("mmap backing=DISK: " + parent + " has " + free + " bytes free but the rings need "
                    + bytes + ": choose a smaller size or capacity, or another directory with -D" + DIR_PROPERTY + "=DIR");
        }
        NamedObjects.sweepDeadOwners(parent);
        Path file = names.createPrivateDirectory(parent, "mmap").resolve("rings");
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
        int fd = Mmap.openReadWrite(file);
        try {
            Mmap.allocate(fd, bytes);
        } finally {
            Libc.close(fd);
        }
        System.err.println("mmap backing=DISK: the rings are " + file + " on " + store.type() + " (" + store.name() + ")");
        return file;
    }

    private static FileStore store(Path parent) {
        try {
            return Files.getFileStore(parent);
        } catch (IOException e) {
            String why = e instanceof NoSuchFileException ? "no such directory" : e.toString();
            throw new IllegalStateException("mmap backing=DISK: cannot use " + parent + " (" + why + "); choose an existing directory on a disk with -D" + DIR_PROPERTY + "=DIR", e);
        }
    }

    private static long usableSpace(FileStore store) {
        try {
            return store.getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the free space of " + store, e);
        }
    }
}
