package io.ipcbench.ring;

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
 * the caller's choice: a /dev/shm file through {@link #ofFile}, or mmap(2) of any descriptor.
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
