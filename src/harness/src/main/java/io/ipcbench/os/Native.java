package io.ipcbench.os;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The plumbing every native binding class shares ({@link Libc} and the per-topic ones beside it):
 * looking a symbol up in libc, linking it with errno captured, reading errno from the per-thread
 * capture segment, turning -1 into a {@link NativeException}. Nothing here calls the kernel.
 */
public final class Native {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final ThreadLocal<MemorySegment> CAPTURED =
            ThreadLocal.withInitial(() -> Arena.global().allocate(CAPTURE));

    private Native() {}

    /** A libc function without errno (calls that cannot fail). */
    public static MethodHandle call(String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(symbol(name), fd);
    }

    /** A libc function whose first parameter becomes the errno capture segment. */
    public static MethodHandle errnoCall(String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(symbol(name), fd, Linker.Option.captureCallState("errno"));
    }

    /** The same for a variadic function: {@code firstVariadic} is the index of its first variadic parameter. */
    public static MethodHandle errnoCall(String name, FunctionDescriptor fd, int firstVariadic) {
        return LINKER.downcallHandle(symbol(name), fd,
                Linker.Option.captureCallState("errno"), Linker.Option.firstVariadicArg(firstVariadic));
    }

    /** This thread's errno capture segment, allocated once: passing it allocates nothing. */
    public static MemorySegment errnoSegment() {
        return CAPTURED.get();
    }

    public static int errno(MemorySegment captured) {
        return (int) ERRNO.get(captured, 0L);
    }

    /** Throws {@link NativeException} naming {@code call} when {@code result} is -1; returns it otherwise. */
    public static long check(String call, long result, MemorySegment captured) {
        if (result == -1) {
            throw new NativeException(call, errno(captured));
        }
        return result;
    }

    /** For catch blocks around {@code invokeExact}: unchecked throwables pass, anything else is wrapped. */
    public static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }

    private static MemorySegment symbol(String name) {
        return LINKER.defaultLookup().find(name).orElseThrow(() -> new UnsatisfiedLinkError(
                "libc has no " + name + ": ipcbench needs glibc 2.34 or newer on Linux"));
    }
}
