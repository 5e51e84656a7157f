package io.ipcbench.os;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Shared mappings of file descriptors: open(2), memfd_create(2), ftruncate(2),
 * posix_fallocate(3), mmap(2) with MAP_SHARED and munmap(2). Set-up calls only: they throw
 * {@link NativeException} naming the call.
 */
public final class Mmap {
    private static final int O_RDWR = 02;
    private static final int O_NOFOLLOW = 0400000;
    private static final int O_CREAT = 0100;
    private static final int O_EXCL = 0200;
    private static final int MFD_CLOEXEC = 1;
    /** memfd_create: the file's pages are huge pages from the kernel's reserved pool (hugetlbfs). */
    public static final int MFD_HUGETLB = 4;
    /** With {@link #MFD_HUGETLB}: 2 MiB pages (log2 of the size, 21, in the flags' top six bits). */
    public static final int MFD_HUGE_2MB = 21 << 26;
    private static final int PROT_READ_WRITE = 0x1 | 0x2;
    private static final int MAP_SHARED = 0x01;
    private static final long MAP_FAILED = -1;

    // int open(const char *pathname, int flags, ... /* mode_t mode */);
    private static final MethodHandle OPEN = Native.errnoCall("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), 2);
    // int memfd_create(const char *name, unsigned int flags);
    private static final MethodHandle MEMFD_CREATE = Native.errnoCall("memfd_create", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    // int ftruncate(int fd, off_t length);
    private static final MethodHandle FTRUNCATE = Native.errnoCall("ftruncate", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG));
    // int posix_fallocate(int fd, off_t offset, off_t len);  returns the error number itself, errno untouched
    private static final MethodHandle POSIX_FALLOCATE = Native.call("posix_fallocate", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG));
    // void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset);
    private static final MethodHandle MMAP = Native.errnoCall("mmap", FunctionDescriptor.of(ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
    // int munmap(void *addr, size_t length);  addr as a raw address
    private static final MethodHandle MUNMAP = Native.errnoCall("munmap", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG));

    private Mmap() {}

    /** open(2) read-write, close-on-exec, refusing a symbolic link in the last component. */
    public static int openReadWrite(Path file) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Native.errnoSegment();
            int fd = (int) OPEN.invokeExact(errno, arena.allocateFrom(file.toString()), O_RDWR | O_NOFOLLOW | Libc.O_CLOEXEC, 0);
            return (int) Native.check("open(" + file + ")", fd, errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /**
     * open(2) with O_CREAT|O_EXCL|O_NOFOLLOW, 0600, read-write, close-on-exec: a new file, never one
     * that exists and never through a symbolic link planted at its name.
     */
    public static int createExclusive(Path file) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Native.errnoSegment();
            int fd = (int) OPEN.invokeExact(errno, arena.allocateFrom(file.toString()),
                    O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | Libc.O_CLOEXEC, 0600);
            return (int) Native.check("open(" + file + ", O_CREAT|O_EXCL|O_NOFOLLOW)", fd, errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** memfd_create(2), close-on-exec: an anonymous file in memory, named only for /proc/<pid>/fd. */
    public static int memfdCreate(String name) {
        return memfdCreate(name, 0);
    }

    /** The same with more {@code flags}: {@link #MFD_HUGETLB} and a page size. */
    public static int memfdCreate(String name, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Native.errnoSegment();
            return (int) Native.check("memfd_create", (int) MEMFD_CREATE.invokeExact(errno, arena.allocateFrom(name), MFD_CLOEXEC | flags), errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** ftruncate(2): sets the file's length; pages beyond what was written read as zeros and take no space until touched. */
    public static void truncate(int fd, long bytes) {
        try {
            MemorySegment errno = Native.errnoSegment();
            Native.check("ftruncate(" + fd + ", " + bytes + ")", (int) FTRUNCATE.invokeExact(errno, fd, bytes), errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** posix_fallocate(3): reserves the file's blocks now, so a later store through a mapping cannot die of SIGBUS on a full disk. */
    public static void allocate(int fd, long bytes) {
        try {
            int error = (int) POSIX_FALLOCATE.invokeExact(fd, 0L, bytes);
            if (error != 0) {
                throw new NativeException("posix_fallocate(" + fd + ", " + bytes + " bytes)", error);
            }
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /**
     * mmap(2) of the first {@code bytes} of {@code fd}, read-write and MAP_SHARED, so both
     * processes' stores reach the same pages. Closing {@code arena} unmaps it; the descriptor may
     * be closed at once, the mapping keeps the file alive.
     */
    public static MemorySegment mapShared(int fd, long bytes, Arena arena) {
        try {
            MemorySegment errno = Native.errnoSegment();
            MemorySegment raw = (MemorySegment) MMAP.invokeExact(errno, 0L, bytes, PROT_READ_WRITE, MAP_SHARED, fd, 0L);
            if (raw.address() == MAP_FAILED) {
                throw new NativeException("mmap(fd " + fd + ", " + bytes + " bytes, MAP_SHARED)", Native.errno(errno));
            }
            long address = raw.address();
            return raw.reinterpret(bytes, arena, unmapped -> unmap(address, bytes));
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    private static void unmap(long address, long bytes) {
        try {
            MemorySegment errno = Native.errnoSegment();
            Native.check("munmap", (int) MUNMAP.invokeExact(errno, address, bytes), errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }
}
