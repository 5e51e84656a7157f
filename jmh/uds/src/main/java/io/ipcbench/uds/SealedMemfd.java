package io.ipcbench.uds;

import io.ipcbench.os.Errno;
import io.ipcbench.os.Native;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A message's payload in a sealed memfd: the sender creates one per message (memfd_create with
 * MFD_ALLOW_SEALING, ftruncate to the payload's length, pwrite of every byte, then F_ADD_SEALS
 * with F_SEAL_WRITE, F_SEAL_SHRINK, F_SEAL_GROW and F_SEAL_SEAL); the receiver trusts a memfd only
 * once it carries all four seals and has the announced size, and then preads every byte. Sealed,
 * the file can never change again, in anyone's hands: that is what lets a receiver read a buffer
 * from another process without copying it first, and also why a memfd serves one message only
 * (F_SEAL_WRITE cannot be lifted). Hot-path calls return a descriptor, a count or {@code -errno},
 * allocating nothing; callers close what they hold on every path.
 */
final class SealedMemfd {
    private static final int MFD_CLOEXEC = 0x1;
    private static final int MFD_ALLOW_SEALING = 0x2;
    private static final int F_ADD_SEALS = 1033;
    private static final int F_GET_SEALS = 1034;
    private static final int F_SEAL_SEAL = 0x1;
    private static final int F_SEAL_SHRINK = 0x2;
    private static final int F_SEAL_GROW = 0x4;
    private static final int F_SEAL_WRITE = 0x8;
    /** What a receiver requires: nobody can write, shrink, grow or unseal the file. */
    static final int SEALS = F_SEAL_WRITE | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL;
    private static final int SEEK_END = 2;
    /** The name /proc/PID/fd shows ("/memfd:ipcbench-message"), allocated once. */
    static final String NAME = "ipcbench-message";
    private static final MemorySegment NAME_C = Arena.global().allocateFrom(NAME);

    // int memfd_create(const char *name, unsigned int flags);
    private static final MethodHandle MEMFD_CREATE = Native.errnoCall("memfd_create", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    // int ftruncate(int fd, off_t length);
    private static final MethodHandle FTRUNCATE = Native.errnoCall("ftruncate", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG));
    // ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset);  buf as a raw address
    private static final MethodHandle PWRITE = Native.errnoCall("pwrite", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG));
    // ssize_t pread(int fd, void *buf, size_t count, off_t offset);  buf as a raw address
    private static final MethodHandle PREAD = Native.errnoCall("pread", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG));
    // int fcntl(int fd, int cmd, ... /* int arg */);
    private static final MethodHandle FCNTL = Native.errnoCall("fcntl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), 2);
    // off_t lseek(int fd, off_t offset, int whence);
    private static final MethodHandle LSEEK = Native.errnoCall("lseek", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT));
    // int close(int fd);  here returning -errno: os.Libc.close names the descriptor in a string built per call
    private static final MethodHandle CLOSE = Native.errnoCall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private SealedMemfd() {}

    /** memfd_create(2), close-on-exec, sealable: a new empty memfd, or -errno. */
    static int create() {
        try {
            MemorySegment errno = Native.errnoSegment();
            int fd = (int) MEMFD_CREATE.invokeExact(errno, NAME_C, MFD_CLOEXEC | MFD_ALLOW_SEALING);
            return fd >= 0 ? fd : -Native.errno(errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /**
     * Sizes {@code fd} to {@code length}, writes the first {@code length} bytes at {@code address}
     * into it and seals it: 0, or -errno of the call that failed.
     */
    static int fillAndSeal(int fd, long address, int length) {
        try {
            MemorySegment errno = Native.errnoSegment();
            if ((int) FTRUNCATE.invokeExact(errno, fd, (long) length) != 0) {
                return -Native.errno(errno);
            }
            for (long done = 0; done < length; ) {
                long n = (long) PWRITE.invokeExact(errno, fd, address + done, length - done, done);
                if (n >= 0) {
                    done += n;
                } else if (Native.errno(errno) != Errno.EINTR) {
                    return -Native.errno(errno);
                }
            }
            return (int) FCNTL.invokeExact(errno, fd, F_ADD_SEALS, SEALS) == 0 ? 0 : -Native.errno(errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** F_GET_SEALS: the seals {@code fd} carries, or -errno (EINVAL: not a memfd, or not sealable). */
    static int seals(int fd) {
        try {
            MemorySegment errno = Native.errnoSegment();
            int seals = (int) FCNTL.invokeExact(errno, fd, F_GET_SEALS, 0);
            return seals >= 0 ? seals : -Native.errno(errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** lseek(SEEK_END): the file's size, or -errno. */
    static long size(int fd) {
        try {
            MemorySegment errno = Native.errnoSegment();
            long size = (long) LSEEK.invokeExact(errno, fd, 0L, SEEK_END);
            return size >= 0 ? size : -Native.errno(errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** preads {@code length} bytes from offset 0 of {@code fd} to {@code address}: the bytes read (fewer at end of file), or -errno. */
    static long readAll(int fd, long address, int length) {
        try {
            MemorySegment errno = Native.errnoSegment();
            long done = 0;
            while (done < length) {
                long n = (long) PREAD.invokeExact(errno, fd, address + done, length - done, done);
                if (n > 0) {
                    done += n;
                } else if (n == 0) {
                    break;
                } else if (Native.errno(errno) != Errno.EINTR) {
                    return -Native.errno(errno);
                }
            }
            return done;
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** close(2): 0 or -errno. */
    static int close(int fd) {
        try {
            MemorySegment errno = Native.errnoSegment();
            return (int) CLOSE.invokeExact(errno, fd) == 0 ? 0 : -Native.errno(errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }
}
