package io.ipcbench.ring;

import io.ipcbench.link.Liveness;
import io.ipcbench.os.Errno;
import io.ipcbench.os.Libc;
import io.ipcbench.os.NativeException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The classic bounded buffer with two POSIX named semaphores per ring: {@code room} counts free
 * slots (it starts at the capacity), {@code messages} counts published ones. Each message costs
 * a wait and a post on each; glibc does both in user space while the count allows and falls
 * into futex sleep/wake when it does not, and a post always pays an atomic operation. The
 * indices are still kept, so both strategies share one layout.
 */
final class SemaphoreSync implements Sync {
    private static final long WAIT_BOUND_MILLIS = 200;

    private final Ring ring;
    private final Liveness other;
    private final MemorySegment room;
    private final MemorySegment messages;
    /** The absolute deadline of sem_timedwait, written only on the way to sleep (package-private: a test reads it). */
    final MemorySegment deadline = Arena.ofAuto().allocate(Libc.TIMESPEC);

    SemaphoreSync(Ring ring, Liveness other, String roomName, String messagesName) {
        this.ring = ring;
        this.other = other;
        this.room = Libc.semOpen(roomName, false, 0);
        this.messages = Libc.semOpen(messagesName, false, 0);
    }

    @Override
    public void awaitRoom(long index) {
        await(room, "room in the ring");
    }

    @Override
    public void publish(long next) {
        ring.published.setRelease(next);
        Libc.semPost(messages);
    }

    @Override
    public void awaitMessage(long index) {
        await(messages, "a message in the ring");
    }

    @Override
    public void release(long next) {
        ring.consumed.setRelease(next);
        Libc.semPost(room);
    }

    /**
     * sem_trywait first: when the count is there, the wait costs what sem_wait's fast path costs
     * (one atomic decrement in user space), with no clock read and no deadline to build. Only when
     * it is zero: sem_timedwait with a deadline a moment ahead (CLOCK_REALTIME, as the call
     * requires), checking the other side between tries. The clock is read on the way to sleep.
     */
    private void await(MemorySegment semaphore, String what) {
        int r = Libc.semTryWait(semaphore);
        if (r == 0) {
            return;
        }
        if (r != -Errno.EAGAIN && r != -Errno.EINTR) {
            throw new NativeException("sem_trywait", -r);
        }
        while (true) {
            long until = System.currentTimeMillis() + WAIT_BOUND_MILLIS;
            deadline.set(ValueLayout.JAVA_LONG, 0, until / 1000);
            deadline.set(ValueLayout.JAVA_LONG, 8, (until % 1000) * 1_000_000);
            r = Libc.semTimedWait(semaphore, deadline);
            if (r == 0) {
                return;
            }
            if (r == -Errno.ETIMEDOUT) {
                other.check(what);
            } else if (r != -Errno.EINTR) {
                throw new NativeException("sem_timedwait", -r);
            }
        }
    }

    @Override
    public void close() {
        Libc.semClose(room);
        Libc.semClose(messages);
    }
}
