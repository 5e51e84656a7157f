package io.ipcbench.os;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * System V message queues (sysvipc(7)) through java.lang.foreign. A queue is known by a number
 * (the msqid), not by a descriptor: nothing closes when a process dies, and removing it
 * (IPC_RMID) is the only event that wakes a process asleep in msgsnd or msgrcv (with EIDRM).
 * Send and receive are the hot calls: they return {@code -errno} and allocate nothing.
 */
public final class SysvMessageQueues {
    public static final int IPC_NOWAIT = 04000;
    public static final int EIDRM = 43;
    public static final int ENOMSG = 42;
    private static final int IPC_CREAT = 01000;
    private static final int IPC_EXCL = 02000;
    private static final int IPC_RMID = 0;
    private static final int IPC_SET = 1;
    private static final int IPC_STAT = 2;
    /** struct msqid_ds on x86-64 (120 bytes), the offsets this class uses. */
    private static final long MSQID_DS_BYTES = 120;
    private static final long PERM_CUID = 12;
    private static final long PERM_MODE = 20;
    private static final long MSG_QBYTES = 88;

    // int msgget(key_t key, int msgflg);
    private static final MethodHandle MSGGET = Native.errnoCall("msgget", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    // int msgsnd(int msqid, const void *msgp, size_t msgsz, int msgflg);  msgp as a raw address: a long mtype, then the text
    private static final MethodHandle MSGSND = Native.errnoCall("msgsnd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT));
    // ssize_t msgrcv(int msqid, void *msgp, size_t msgsz, long msgtyp, int msgflg);  msgp as a raw address
    private static final MethodHandle MSGRCV = Native.errnoCall("msgrcv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT));
    // int msgctl(int msqid, int cmd, struct msqid_ds *buf);
    private static final MethodHandle MSGCTL = Native.errnoCall("msgctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));

    /** What the sweep checks before removing a queue it found through a marker. */
    public record Owner(int creatorUid, int mode) {}

    private SysvMessageQueues() {}

    /** msgget(key, IPC_CREAT|IPC_EXCL|0600): the new queue's msqid, or -1 when a queue with that key exists. */
    public static int createExclusive(int key) {
        try {
            MemorySegment errno = Native.errnoSegment();
            int id = (int) MSGGET.invokeExact(errno, key, IPC_CREAT | IPC_EXCL | 0600);
            if (id == -1 && Native.errno(errno) == Errno.EEXIST) {
                return -1;
            }
            if (id == -1 && Native.errno(errno) == Errno.ENOSPC) {
                throw new IllegalStateException("msgget failed: ENOSPC: the system holds as many System V queues as"
                        + " /proc/sys/kernel/msgmni allows; remove stale ones (ipcs -q, ipcrm) or raise kernel.msgmni");
            }
            return (int) Native.check("msgget(key " + key + ", IPC_CREAT|IPC_EXCL)", id, errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** msgget(key, 0): the msqid of the queue with that key, or -1 when there is none. */
    public static int find(int key) {
        try {
            MemorySegment errno = Native.errnoSegment();
            int id = (int) MSGGET.invokeExact(errno, key, 0);
            if (id == -1 && Native.errno(errno) == Errno.ENOENT) {
                return -1;
            }
            return (int) Native.check("msgget(key " + key + ")", id, errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** msgsnd of the message at {@code address} (a long mtype, then {@code textLength} bytes): 0, or -errno. */
    public static int send(int msqid, long address, long textLength, int flags) {
        try {
            MemorySegment errno = Native.errnoSegment();
            int r = (int) MSGSND.invokeExact(errno, msqid, address, textLength, flags);
            return r == 0 ? 0 : -Native.errno(errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** msgrcv of the first message (any mtype) into {@code address}: the text's length, or -errno (E2BIG if longer than {@code textCapacity}). */
    public static long receive(int msqid, long address, long textCapacity, int flags) {
        try {
            MemorySegment errno = Native.errnoSegment();
            long n = (long) MSGRCV.invokeExact(errno, msqid, address, textCapacity, 0L, flags);
            return n >= 0 ? n : -Native.errno(errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** msgctl(IPC_STAT) then IPC_SET: the queue holds at most {@code bytes} bytes of text (EPERM above kernel.msgmnb without CAP_SYS_RESOURCE). */
    public static void setQueueBytes(int msqid, long bytes) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ds = arena.allocate(MSQID_DS_BYTES, 8);
            MemorySegment errno = Native.errnoSegment();
            Native.check("msgctl(" + msqid + ", IPC_STAT)", (int) MSGCTL.invokeExact(errno, msqid, IPC_STAT, ds), errno);
            ds.set(JAVA_LONG, MSG_QBYTES, bytes);
            Native.check("msgctl(" + msqid + ", IPC_SET, msg_qbytes=" + bytes + ")", (int) MSGCTL.invokeExact(errno, msqid, IPC_SET, ds), errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** The queue's creator and permission bits (msgctl IPC_STAT). */
    public static Owner owner(int msqid) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment ds = arena.allocate(MSQID_DS_BYTES, 8);
            MemorySegment errno = Native.errnoSegment();
            Native.check("msgctl(" + msqid + ", IPC_STAT)", (int) MSGCTL.invokeExact(errno, msqid, IPC_STAT, ds), errno);
            return new Owner(ds.get(JAVA_INT, PERM_CUID), Short.toUnsignedInt(ds.get(JAVA_SHORT, PERM_MODE)) & 0777);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** msgctl(IPC_RMID): wakes every process waiting on the queue with EIDRM. Returns false when it no longer exists. */
    public static boolean remove(int msqid) {
        try {
            MemorySegment errno = Native.errnoSegment();
            int r = (int) MSGCTL.invokeExact(errno, msqid, IPC_RMID, MemorySegment.NULL);
            if (r != 0 && (Native.errno(errno) == Errno.EINVAL || Native.errno(errno) == EIDRM)) {
                return false;
            }
            Native.check("msgctl(" + msqid + ", IPC_RMID)", r, errno);
            return true;
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }
}
