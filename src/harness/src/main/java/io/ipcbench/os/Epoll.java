package io.ipcbench.os;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;

/**
 * One epoll instance (epoll(7)): a server waits on all its connections at once and learns which
 * are readable. Each registered descriptor carries its own number as the event's data, so a ready
 * list reads as descriptors. Every wait takes a timeout in milliseconds (the caller checks the
 * other processes between waits); {@link #await} returns {@code -errno} without allocating.
 */
public final class Epoll implements AutoCloseable {
    public static final int EPOLLIN = 0x001;
    private static final int EPOLL_CLOEXEC = 02000000;
    private static final int EPOLL_CTL_ADD = 1;
    private static final int EPOLL_CTL_DEL = 2;
    /** struct epoll_event on x86-64: uint32_t events, then the 8-byte data, packed (12 bytes). */
    private static final StructLayout EVENT = MemoryLayout.structLayout(JAVA_INT.withName("events"),
            JAVA_INT_UNALIGNED.withName("fd"), JAVA_INT_UNALIGNED.withName("pad"));
    private static final long EVENTS = 0;
    private static final long DATA_FD = 4;

    // int epoll_create1(int flags);
    private static final MethodHandle EPOLL_CREATE1 = Native.errnoCall("epoll_create1", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    // int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event);
    private static final MethodHandle EPOLL_CTL = Native.errnoCall("epoll_ctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    // int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout);
    private static final MethodHandle EPOLL_WAIT = Native.errnoCall("epoll_wait", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));

    private final int epfd;
    private final MemorySegment ready;
    private final int capacity;

    /** An epoll instance whose waits report up to {@code capacity} ready descriptors at a time. */
    public Epoll(int capacity) {
        this.capacity = capacity;
        this.ready = Arena.ofAuto().allocate(EVENT.byteSize() * capacity, 8);
        try {
            MemorySegment errno = Native.errnoSegment();
            this.epfd = (int) Native.check("epoll_create1(EPOLL_CLOEXEC)", (int) EPOLL_CREATE1.invokeExact(errno, EPOLL_CLOEXEC), errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** Watches {@code fd} for {@code events} (e.g. {@link #EPOLLIN}); a ready event names {@code fd}. */
    public void add(int fd, int events) {
        control(EPOLL_CTL_ADD, fd, events);
    }

    /** Stops watching {@code fd} (before it is closed elsewhere, or when its peer is gone). */
    public void remove(int fd) {
        control(EPOLL_CTL_DEL, fd, 0);
    }

    private void control(int op, int fd, int events) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment event = arena.allocate(EVENT);
            event.set(JAVA_INT, EVENTS, events);
            event.set(JAVA_INT_UNALIGNED, DATA_FD, fd);
            MemorySegment errno = Native.errnoSegment();
            Native.check("epoll_ctl(" + epfd + ", " + (op == EPOLL_CTL_ADD ? "ADD" : "DEL") + ", fd " + fd + ")",
                    (int) EPOLL_CTL.invokeExact(errno, epfd, op, fd, event), errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /**
     * epoll_wait(2) for at most {@code timeoutMillis}: how many descriptors are ready (0 when the
     * time ran out), their numbers then read with {@link #readyFd}; or {@code -errno} (EINTR).
     */
    public int await(int timeoutMillis) {
        try {
            MemorySegment errno = Native.errnoSegment();
            int n = (int) EPOLL_WAIT.invokeExact(errno, epfd, ready, capacity, timeoutMillis);
            return n >= 0 ? n : -Native.errno(errno);
        } catch (Throwable t) {
            throw Native.rethrow(t);
        }
    }

    /** The descriptor of the {@code i}-th ready event of the last {@link #await}. */
    public int readyFd(int i) {
        return ready.get(JAVA_INT_UNALIGNED, EVENT.byteSize() * i + DATA_FD);
    }

    @Override
    public void close() {
        Libc.close(epfd);
    }
}
