package io.ipcbench.os;

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
 * System V semaphore sets (sysvipc(7), semget(2), semop(2)) through java.lang.foreign. A set is
 * known by a number (the semid), not by a descriptor: nothing closes when a process dies, and
 * nothing in user space takes a count that is there, so every semop is a system call, even one
 * that does not sleep. Removing the set (IPC_RMID) wakes every process asleep on it with EIDRM.
 * {@link #operate} is the hot call: it returns {@code -errno} and allocates nothing.
 */
public final class SysvSemaphores {
    /** Layout of struct sembuf: unsigned short sem_num, short sem_op, short sem_flg. */
    public static final long SEMBUF_BYTES = 6;
    public static final int EIDRM = 43;
    private static final int IPC_CREAT = 01000;
    private static final int IPC_EXCL = 02000;
    private static final int IPC_RMID = 0;
    private static final int IPC_STAT = 2;
    private static final int SETVAL = 16;
    /** struct semid_ds on x86-64 is 104 bytes; the offsets this class uses are those of its struct ipc_perm. */
    private static final long SEMID_DS_BYTES = 128;
    private static final long PERM_CUID = 12;
    private static final long PERM_MODE = 20;
    static final Path LIMITS = Path.of("/proc/sys/kernel/sem");

    // int semget(key_t key, int nsems, int semflg);
    private static final MethodHandle SEMGET = Native.errnoCall("semget", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    // int semtimedop(int semid, struct sembuf *sops, size_t nsops, const struct timespec *timeout);
    private static final MethodHandle SEMTIMEDOP = Native.errnoCall("semtimedop", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS));
    // int semctl(int semid, int semnum, int cmd, ... /* union semun arg */);  the union as an int value (SETVAL)
    private static final MethodHandle SEMCTL_VALUE = Native.errnoCall("semctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG), 3);
    // ... or as a pointer (IPC_STAT's struct semid_ds *buf; IPC_RMID ignores it)
    private static final MethodHandle SEMCTL_BUFFER = Native.errnoCall("semctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS), 3);

    private SysvSemaphores() {}

    /**
     * semget(key, count, IPC_CREAT|IPC_EXCL|0600): the new set's semid, or -1 when a set with that
     * key exists. A full system (ENOSPC: kernel.sem's SEMMNI sets or SEMMNS semaphores) or a set
     * larger than SEMMSL (EINVAL) is refused naming the sysctl and its values.
     */
    public static int createExclusive(int key, int count) {
        try {
            MemorySegment errno = Native.errnoSegment();
            int id = (int) SEMGET.invokeExact(errno, key, count, IPC_CREAT | IPC_EXCL | 0600);
            if (id == -1 && Native.errno(errno) == Errno.EEXIST) {
                return -1;
            }
            if (id == -1 && (Native.errno(errno) == Errno.ENOSPC || Native.errno(errno) == Errno.EINVAL)) {
                throw limitReached(count, Native.errno(errno));
            }
            return (int) Native.check("semget(key " + key + ", " + count + ", IPC_CREAT|IPC_EXCL)", id, errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** semget(key, 0, 0): the semid of the set with that key, or -1 when there is none. */
    public static int find(int key) {
        try {
            MemorySegment errno = Native.errnoSegment();
            int id = (int) SEMGET.invokeExact(errno, key, 0, 0);
            if (id == -1 && Native.errno(errno) == Errno.ENOENT) {
                return -1;
            }
            return (int) Native.check("semget(key " + key + ")", id, errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** semctl(SETVAL): semaphore {@code index} of the set holds {@code value}. */
    public static void setValue(int semid, int index, int value) {
        try {
            MemorySegment errno = Native.errnoSegment();
            Native.check("semctl(" + semid + ", " + index + ", SETVAL, " + value + ")",
                    (int) SEMCTL_VALUE.invokeExact(errno, semid, index, SETVAL, (long) value), errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** Writes into {@code sembuf} ({@link #SEMBUF_BYTES} bytes) the operation "add {@code delta} to semaphore {@code index}", no flags. */
    public static void operation(MemorySegment sembuf, int index, int delta) {
        sembuf.set(JAVA_SHORT, 0, (short) index);
        sembuf.set(JAVA_SHORT, 2, (short) delta);
        sembuf.set(JAVA_SHORT, 4, (short) 0);
    }

    /**
     * semtimedop of the one operation in {@code sembuf}, sleeping at most {@code relTimeout} (a
     * timespec; NULL: unbounded, for operations that cannot sleep): 0, or -errno (EAGAIN: timed out;
     * EINTR; EIDRM: the set was removed).
     */
    public static int operate(int semid, MemorySegment sembuf, MemorySegment relTimeout) {
        try {
            MemorySegment errno = Native.errnoSegment();
            int r = (int) SEMTIMEDOP.invokeExact(errno, semid, sembuf, 1L, relTimeout);
            return r == 0 ? 0 : -Native.errno(errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** The set's creator and permission bits (semctl IPC_STAT). */
    public static SysvMessageQueues.Owner owner(int semid) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ds = arena.allocate(SEMID_DS_BYTES, 8);
            MemorySegment errno = Native.errnoSegment();
            Native.check("semctl(" + semid + ", IPC_STAT)", (int) SEMCTL_BUFFER.invokeExact(errno, semid, 0, IPC_STAT, ds), errno);
            return new SysvMessageQueues.Owner(ds.get(JAVA_INT, PERM_CUID), Short.toUnsignedInt(ds.get(JAVA_SHORT, PERM_MODE)) & 0777);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** semctl(IPC_RMID): wakes every process waiting on the set with EIDRM. Returns false when it no longer exists. */
    public static boolean remove(int semid) {
        try {
            MemorySegment errno = Native.errnoSegment();
            int r = (int) SEMCTL_BUFFER.invokeExact(errno, semid, 0, IPC_RMID, MemorySegment.NULL);
            if (r != 0 && (Native.errno(errno) == Errno.EINVAL || Native.errno(errno) == EIDRM)) {
                return false;
            }
            Native.check("semctl(" + semid + ", IPC_RMID)", r, errno);
            return true;
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** The refusal of a set the system cannot create, naming kernel.sem's four limits and their values. */
    static IllegalStateException limitReached(int count, int errno) {
        String limits;
        try {
            limits = Files.readAllLines(LIMITS).getFirst().strip().replaceAll("\\s+", " ");
        } catch (java.io.IOException | UncheckedIOException e) {
            limits = "unreadable";
        }
        String cause = errno == Errno.ENOSPC
                ? "the system holds as many System V semaphore sets (SEMMNI) or semaphores (SEMMNS) as kernel.sem allows"
                : "a set of " + count + " semaphores is more than kernel.sem's SEMMSL allows";
        return new IllegalStateException("semget failed: " + Errno.describe(errno) + ": " + cause
                + " (kernel.sem = \"" + limits + "\": SEMMSL SEMMNS SEMOPM SEMMNI); remove stale sets (ipcs -s, ipcrm -s <semid>)"
                + " or raise the limit: sysctl -w kernel.sem=\"<SEMMSL> <SEMMNS> <SEMOPM> <SEMMNI>\"");
    }
}
