package io.ipcbench.ring;

import io.ipcbench.os.Libc;
import io.ipcbench.os.Mmap;
import io.ipcbench.os.SysvSharedMemory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Memory mapped by both processes, and what closing the link must let go of: the mapping, plus
 * whatever a mechanism adds (descriptors it opened for the link). Where the memory comes from is
 * the caller's choice: a /dev/shm file through {@link #ofFile}, mmap(2) of any descriptor
 * ({@link #ofDescriptor}), or a System V segment ({@link #ofSysvSegment}).
 */
public record SharedMapping(MemorySegment memory, Runnable release) {
    /** Maps all {@code bytes} of {@code file} read-write and shared (FileChannel.map: mmap(2) with MAP_SHARED). */
    public static SharedMapping ofFile(Path file, long bytes) {
        Arena mapping = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(file,
                StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            return new SharedMapping(channel.map(FileChannel.MapMode.READ_WRITE, 0, bytes, mapping), mapping::close);
        } catch (IOException e) {
            mapping.close();
            throw new UncheckedIOException("cannot map " + file, e);
        }
    }

    /** mmap(2) MAP_SHARED of the first {@code bytes} of {@code fd}, which stays open: the caller closes it. */
    public static SharedMapping ofDescriptor(int fd, long bytes) {
        Arena arena = Arena.ofShared();
        try {
            return new SharedMapping(Mmap.mapShared(fd, bytes, arena), arena::close);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** Maps {@code fd} as {@link #ofDescriptor} does and closes it: the mapping keeps the file alive. */
    public static SharedMapping ofDescriptorClosing(int fd, long bytes) {
        try {
            return ofDescriptor(fd, bytes);
        } finally {
            Libc.close(fd);
        }
    }

    /** shmat(2) of the System V segment {@code shmid}; releasing detaches it (shmdt). */
    public static SharedMapping ofSysvSegment(int shmid, long bytes) {
        Arena arena = Arena.ofShared();
        try {
            return new SharedMapping(SysvSharedMemory.attach(shmid, bytes, arena), arena::close);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** The same mapping, releasing {@code first} before it unmaps. */
    public SharedMapping releasingFirst(Runnable first) {
        Runnable unmap = release;
        return new SharedMapping(memory, () -> {
            try {
                first.run();
            } finally {
                unmap.run();
            }
        });
    }
}
