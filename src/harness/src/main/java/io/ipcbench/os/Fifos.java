package io.ipcbench.os;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Named pipes: mkfifo(3) and open(2). Both are set-up calls; data moves with {@link Libc#read}
 * and {@link Libc#write} like any pipe's.
 */
public final class Fifos {
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_NONBLOCK = 04000;

    // int mkfifo(const char *pathname, mode_t mode);
    private static final MethodHandle MKFIFO = Native.errnoCall("mkfifo", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    // int open(const char *pathname, int flags, ... /* mode_t mode */);
    private static final MethodHandle OPEN = Native.errnoCall("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), 2);

    private Fifos() {}

    /** mkfifo(3) with {@code mode} (0600 for the suite's FIFOs); fails if the path exists. */
    public static void mkfifo(Path path, int mode) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Native.errnoSegment();
            Native.check("mkfifo(" + path + ")", (int) MKFIFO.invokeExact(errno, arena.allocateFrom(path.toString()), mode), errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /**
     * open(2) of an existing file, always with O_CLOEXEC: the descriptor, or -errno (a FIFO
     * opened O_WRONLY|O_NONBLOCK before any reader gives -ENXIO, which callers retry).
     */
    public static int open(Path path, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Native.errnoSegment();
            int fd = (int) OPEN.invokeExact(errno, arena.allocateFrom(path.toString()), flags | Libc.O_CLOEXEC, 0);
            return fd >= 0 ? fd : -Native.errno(errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }
}
