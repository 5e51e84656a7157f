package io.ipcbench.os;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * eventfd(2): a 64-bit counter in the kernel behind a descriptor. write(2) of 8 bytes adds to
 * it and wakes a reader; read(2) of 8 bytes returns the count and resets it to 0, or sleeps
 * while it is 0 (EAGAIN if non-blocking). Read and write go through {@link Libc#read} and
 * {@link Libc#write}. An eventfd has no name and cannot be reopened through /proc: another
 * process gets it only by inheritance or descriptor passing (pidfd_getfd, SCM_RIGHTS).
 */
public final class Eventfds {
    private static final int EFD_CLOEXEC = 02000000;
    private static final int EFD_NONBLOCK = 04000;

    // int eventfd(unsigned int initval, int flags);
    private static final MethodHandle EVENTFD = Native.errnoCall("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));

    private Eventfds() {}

    /** A new eventfd with count 0, close-on-exec; {@code nonBlocking} makes read(2) return EAGAIN instead of sleeping. */
    public static int create(boolean nonBlocking) {
        try {
            MemorySegment errno = Native.errnoSegment();
            int flags = EFD_CLOEXEC | (nonBlocking ? EFD_NONBLOCK : 0);
            return (int) Native.check("eventfd", (int) EVENTFD.invokeExact(errno, 0, flags), errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }
}
