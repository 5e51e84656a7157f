package io.ipcbench.uds;

import io.ipcbench.os.Native;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * A fixed set of descriptors waited on together with poll(2), each for input. The array of struct
 * pollfd lives in native memory, allocated once: {@link #poll} and {@link #ready} allocate nothing.
 */
final class PollSet {
    private static final short POLLIN = 0x1;
    /** struct pollfd { int fd; short events; short revents; }: 8 bytes. */
    private static final StructLayout POLLFD = MemoryLayout.structLayout(JAVA_INT.withName("fd"), JAVA_SHORT.withName("events"),
            JAVA_SHORT.withName("revents"));
    private static final long EVENTS = POLLFD.byteOffset(MemoryLayout.PathElement.groupElement("events"));
    private static final long REVENTS = POLLFD.byteOffset(MemoryLayout.PathElement.groupElement("revents"));

    // int poll(struct pollfd *fds, nfds_t nfds, int timeout);
    private static final MethodHandle POLL = Native.errnoCall("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));

    private final MemorySegment fds;
    private final int count;

    PollSet(int[] descriptors) {
        this.count = descriptors.length;
        this.fds = Arena.ofAuto().allocate(POLLFD, count);
        for (int i = 0; i < count; i++) {
            fds.set(JAVA_INT, i * POLLFD.byteSize(), descriptors[i]);
            fds.set(JAVA_SHORT, i * POLLFD.byteSize() + EVENTS, POLLIN);
        }
    }

    int count() {
        return count;
    }

    /** poll(2) for up to {@code timeoutMillis}: how many descriptors are ready (0 when the time ran out), or -errno. */
    int poll(int timeoutMillis) {
        try {
            MemorySegment errno = Native.errnoSegment();
            int n = (int) POLL.invokeExact(errno, fds, (long) count, timeoutMillis);
            return n >= 0 ? n : -Native.errno(errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** Whether the last {@link #poll} found anything on descriptor {@code index}: input, end of file or an error, each for a read to report. */
    boolean ready(int index) {
        return fds.get(JAVA_SHORT, index * POLLFD.byteSize() + REVENTS) != 0;
    }
}
