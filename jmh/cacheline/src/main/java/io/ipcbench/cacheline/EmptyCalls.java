package io.ipcbench.cacheline;

import io.ipcbench.os.Native;

import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The calls of the system-call floor, linked as every mechanism's hot-path calls are
 * ({@link Native#errnoCall}: errno captured into the thread's segment), so that the floor pays the
 * very downcall a mechanism's read, write or futex pays. getppid enters the kernel every time
 * (glibc caches no process id) and does nothing there; getpagesize is answered by glibc from
 * memory, so it is the same downcall without the kernel. {@code Libc.getppid} links getppid
 * without errno capture, for the peer's one-off check of its parent: a different call path.
 */
public final class EmptyCalls {
    // pid_t getppid(void);
    private static final MethodHandle GETPPID = Native.errnoCall("getppid", FunctionDescriptor.of(JAVA_INT));
    // int getpagesize(void);
    private static final MethodHandle GETPAGESIZE = Native.errnoCall("getpagesize", FunctionDescriptor.of(JAVA_INT));

    private EmptyCalls() {}

    /** One system call that does no work in the kernel: entry, getppid's one load, exit. */
    public static int getppid() {
        try {
            return (int) GETPPID.invokeExact(Native.errnoSegment());
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** The same downcall answered in user space: what {@link #getppid} costs without the kernel. */
    public static int getpagesize() {
        try {
            return (int) GETPAGESIZE.invokeExact(Native.errnoSegment());
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }
}
