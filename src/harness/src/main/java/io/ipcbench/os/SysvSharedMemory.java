package io.ipcbench.os;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * System V shared memory segments (sysvipc(7), shmget(2), shmat(2), shmdt(2), shmctl(2)) through
 * java.lang.foreign. A segment is known by a number (the shmid) and outlives every process that
 * attached it until IPC_RMID marks it for removal; once marked, the kernel frees it at the last
 * detach (a process's exit detaches), and its key is gone, so no one can attach it again. Set-up
 * calls only: they throw {@link NativeException} naming the call.
 */
public final class SysvSharedMemory {
    private static final int IPC_CREAT = 01000;
    private static final int IPC_EXCL = 02000;
    private static final int IPC_RMID = 0;
    private static final int IPC_STAT = 2;
    private static final long SHMAT_FAILED = -1;
    /** struct shmid_ds on x86-64 is 112 bytes; the offsets this class uses are those of its struct ipc_perm. */
    private static final long SHMID_DS_BYTES = 128;
    private static final long PERM_CUID = 12;
    private static final long PERM_MODE = 20;
    private static final long PAGE_BYTES = 4096;
    static final Path SHMMAX = Path.of("/proc/sys/kernel/shmmax");
    static final Path SHMALL = Path.of("/proc/sys/kernel/shmall");
    static final Path SHMMNI = Path.of("/proc/sys/kernel/shmmni");

    // int shmget(key_t key, size_t size, int shmflg);
    private static final MethodHandle SHMGET = Native.errnoCall("shmget", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT));
    // void *shmat(int shmid, const void *shmaddr, int shmflg);  shmaddr NULL: the kernel chooses
    private static final MethodHandle SHMAT = Native.errnoCall("shmat", FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS, JAVA_INT));
    // int shmdt(const void *shmaddr);  shmaddr as a raw address
    private static final MethodHandle SHMDT = Native.errnoCall("shmdt", FunctionDescriptor.of(JAVA_INT, JAVA_LONG));
    // int shmctl(int shmid, int cmd, struct shmid_ds *buf);
    private static final MethodHandle SHMCTL = Native.errnoCall("shmctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));

    private SysvSharedMemory() {}

    /**
     * Refuses, creating nothing, a segment of {@code bytes} that kernel.shmmax or kernel.shmall
     * cannot hold, naming the limit and the sysctl that raises it.
     */
    public static void requireWithinLimits(long bytes) {
        long shmmax = limit(SHMMAX);
        if (Long.compareUnsigned(bytes, shmmax) > 0) {
            throw new IllegalStateException("a System V shared memory segment of " + bytes + " bytes is larger than kernel.shmmax ("
                    + Long.toUnsignedString(shmmax) + " bytes): choose a smaller size or capacity, or raise the limit: sysctl -w kernel.shmmax="
                    + bytes);
        }
        long pages = (bytes + PAGE_BYTES - 1) / PAGE_BYTES;
        long shmall = limit(SHMALL);
        if (Long.compareUnsigned(pages, shmall) > 0) {
            throw new IllegalStateException("a System V shared memory segment of " + bytes + " bytes (" + pages
                    + " pages) is more than kernel.shmall allows all segments together (" + Long.toUnsignedString(shmall)
                    + " pages of " + PAGE_BYTES + " bytes): choose a smaller size or capacity, or raise the limit: sysctl -w kernel.shmall=" + pages);
        }
    }

    /**
     * shmget(key, bytes, IPC_CREAT|IPC_EXCL|0600): the new segment's shmid, or -1 when a segment
     * with that key exists. A segment beyond kernel.shmmax (EINVAL), or a system holding
     * kernel.shmmni segments or kernel.shmall pages (ENOSPC), is refused naming the sysctls.
     */
    public static int createExclusive(int key, long bytes) {
        try {
            MemorySegment errno = Native.errnoSegment();
            int id = (int) SHMGET.invokeExact(errno, key, bytes, IPC_CREAT | IPC_EXCL | 0600);
            if (id == -1 && Native.errno(errno) == Errno.EEXIST) {
                return -1;
            }
            if (id == -1 && (Native.errno(errno) == Errno.ENOSPC || Native.errno(errno) == Errno.EINVAL)) {
                throw limitReached(bytes, Native.errno(errno));
            }
            return (int) Native.check("shmget(key " + key + ", " + bytes + ", IPC_CREAT|IPC_EXCL)", id, errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** shmget(key, 0, 0): the shmid of the segment with that key, or -1 when there is none. */
    public static int find(int key) {
        try {
            MemorySegment errno = Native.errnoSegment();
            int id = (int) SHMGET.invokeExact(errno, key, 0L, 0);
            if (id == -1 && Native.errno(errno) == Errno.ENOENT) {
                return -1;
            }
            return (int) Native.check("shmget(key " + key + ")", id, errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /**
     * shmat(2) of the segment, read-write, wherever the kernel chooses: its first {@code bytes},
     * detached (shmdt) when {@code arena} closes.
     */
    public static MemorySegment attach(int shmid, long bytes, Arena arena) {
        try {
            MemorySegment errno = Native.errnoSegment();
            MemorySegment raw = (MemorySegment) SHMAT.invokeExact(errno, shmid, MemorySegment.NULL, 0);
            if (raw.address() == SHMAT_FAILED) {
                throw new NativeException("shmat(" + shmid + ")", Native.errno(errno));
            }
            long address = raw.address();
            return raw.reinterpret(bytes, arena, detached -> detach(address));
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** The segment's creator and permission bits (shmctl IPC_STAT). */
    public static SysvMessageQueues.Owner owner(int shmid) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ds = arena.allocate(SHMID_DS_BYTES, 8);
            MemorySegment errno = Native.errnoSegment();
            Native.check("shmctl(" + shmid + ", IPC_STAT)", (int) SHMCTL.invokeExact(errno, shmid, IPC_STAT, ds), errno);
            return new SysvMessageQueues.Owner(ds.get(JAVA_INT, PERM_CUID), Short.toUnsignedInt(ds.get(JAVA_SHORT, PERM_MODE)) & 0777);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /**
     * shmctl(IPC_RMID): the segment goes at its last detach, at once if no process has it
     * attached. Returns false when it no longer exists.
     */
    public static boolean remove(int shmid) {
        try {
            MemorySegment errno = Native.errnoSegment();
            int r = (int) SHMCTL.invokeExact(errno, shmid, IPC_RMID, MemorySegment.NULL);
            if (r != 0 && Native.errno(errno) == Errno.EINVAL) {
                return false;
            }
            Native.check("shmctl(" + shmid + ", IPC_RMID)", r, errno);
            return true;
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    private static void detach(long address) {
        try {
            MemorySegment errno = Native.errnoSegment();
            Native.check("shmdt", (int) SHMDT.invokeExact(errno, address), errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** The refusal of a segment the system cannot create, naming the three limits and their values. */
    static IllegalStateException limitReached(long bytes, int errno) {
        String cause = errno == Errno.ENOSPC
                ? "the system holds as many System V shared memory segments as kernel.shmmni allows (" + shown(SHMMNI)
                        + "), or their pages would pass kernel.shmall (" + shown(SHMALL) + " pages)"
                : "a segment of " + bytes + " bytes is larger than kernel.shmmax (" + shown(SHMMAX) + " bytes)";
        return new IllegalStateException("shmget failed: " + Errno.describe(errno) + ": " + cause
                + "; remove stale segments (ipcs -m, ipcrm -m <shmid>) or raise the limit: sysctl -w kernel.shmmni=<segments>,"
                + " kernel.shmall=<pages>, kernel.shmmax=<bytes>");
    }

    /** Read by lines: Files.readString of a sysctl file (size 0 to stat) gave its first byte only, "1" of kernel.shmmax's 20 digits. */
    private static long limit(Path sysctl) {
        try {
            return Long.parseUnsignedLong(Files.readAllLines(sysctl).getFirst().strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + sysctl + " (a System V shared memory limit)", e);
        }
    }

    private static String shown(Path sysctl) {
        try {
            return Long.toUnsignedString(limit(sysctl));
        } catch (UncheckedIOException e) {
            return "unreadable";
        }
    }
}
