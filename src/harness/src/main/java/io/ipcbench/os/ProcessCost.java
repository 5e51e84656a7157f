package io.ipcbench.os;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * What the kernel has charged this process so far, as getrusage(RUSAGE_SELF) reports it: context
 * switches and user and system CPU time of every thread it ever had. Threads that exited count
 * too (the kernel adds their totals to the process's when they exit), and a JVM's threads come
 * and go (its compiler threads are started and stopped on demand), so a difference between two
 * readings is never negative. Summing /proc/PID/task/TID/status over the threads alive at each
 * reading loses what exited threads did. Another process cannot be read this way: the peer
 * reports its own.
 */
public record ProcessCost(long voluntarySwitches, long involuntarySwitches, long userNanos, long systemNanos) {
    private static final int RUSAGE_SELF = 0;
    /** struct rusage (x86-64 and aarch64): two struct timeval, then 14 longs, ru_nvcsw and ru_nivcsw the last two. */
    private static final StructLayout RUSAGE = MemoryLayout.structLayout(
            JAVA_LONG.withName("utime_sec"), JAVA_LONG.withName("utime_usec"),
            JAVA_LONG.withName("stime_sec"), JAVA_LONG.withName("stime_usec"),
            MemoryLayout.sequenceLayout(12, JAVA_LONG), JAVA_LONG.withName("nvcsw"), JAVA_LONG.withName("nivcsw"));

    // int getrusage(int who, struct rusage *usage);
    private static final MethodHandle GETRUSAGE = Native.errnoCall("getrusage", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));

    /** This process's costs so far. The CPU times come in microseconds, their user/system split the kernel's tick-sampled estimate. */
    public static ProcessCost ofThisProcess() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment usage = arena.allocate(RUSAGE);
            MemorySegment errno = Native.errnoSegment();
            Native.check("getrusage(RUSAGE_SELF)", (int) GETRUSAGE.invokeExact(errno, RUSAGE_SELF, usage), errno);
            return new ProcessCost(field(usage, "nvcsw"), field(usage, "nivcsw"),
                    micros(usage, "utime") * 1000, micros(usage, "stime") * 1000);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    public ProcessCost minus(ProcessCost earlier) {
        return new ProcessCost(voluntarySwitches - earlier.voluntarySwitches, involuntarySwitches - earlier.involuntarySwitches,
                userNanos - earlier.userNanos, systemNanos - earlier.systemNanos);
    }

    /** The costs of two processes together. */
    public ProcessCost plus(ProcessCost other) {
        return new ProcessCost(voluntarySwitches + other.voluntarySwitches, involuntarySwitches + other.involuntarySwitches,
                userNanos + other.userNanos, systemNanos + other.systemNanos);
    }

    /** The four figures separated by spaces, as {@link #parse} reads them: how the peer reports its own. */
    public String format() {
        return voluntarySwitches + " " + involuntarySwitches + " " + userNanos + " " + systemNanos;
    }

    public static ProcessCost parse(String fields) {
        String[] f = fields.strip().split(" ");
        if (f.length != 4) {
            throw new IllegalArgumentException("not four figures of a process's costs: " + fields);
        }
        return new ProcessCost(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]));
    }

    private static long micros(MemorySegment usage, String time) {
        return field(usage, time + "_sec") * 1_000_000 + field(usage, time + "_usec");
    }

    private static long field(MemorySegment usage, String name) {
        return usage.get(JAVA_LONG, RUSAGE.byteOffset(MemoryLayout.PathElement.groupElement(name)));
    }
}
