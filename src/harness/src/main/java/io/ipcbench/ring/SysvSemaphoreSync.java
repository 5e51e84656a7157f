package io.ipcbench.ring;

import io.ipcbench.link.Liveness;
import io.ipcbench.os.Errno;
import io.ipcbench.os.Libc;
import io.ipcbench.os.NativeException;
import io.ipcbench.os.SysvSemaphores;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;

/**
 * SEMAPHORE's bounded buffer on a System V semaphore set: one set per trial, two semaphores per
 * ring, {@code room} (starting at the capacity) and {@code messages} (starting at 0). Unlike a
 * POSIX semaphore, whose count glibc takes in user space while it allows, every wait and post is
 * a semtimedop(2) system call, whether it sleeps or not. A wait sleeps at most 200 ms, then checks
 * the other process; removing the set (the tear-down) wakes a sleeper with EIDRM.
 */
final class SysvSemaphoreSync implements Sync {
    /** Bound on one wait, after which the waiter checks the other process is alive. */
    private static final long WAIT_BOUND_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final Ring ring;
    private final Liveness other;
    private final int semid;
    private final MemorySegment takeRoom;
    private final MemorySegment postMessage;
    private final MemorySegment takeMessage;
    private final MemorySegment postRoom;
    private final MemorySegment waitBound;

    SysvSemaphoreSync(Ring ring, Liveness other, int semid, int room, int messages) {
        this.ring = ring;
        this.other = other;
        this.semid = semid;
        Arena arena = Arena.ofAuto();
        this.takeRoom = operation(arena, room, -1);
        this.postMessage = operation(arena, messages, 1);
        this.takeMessage = operation(arena, messages, -1);
        this.postRoom = operation(arena, room, 1);
        this.waitBound = arena.allocate(Libc.TIMESPEC);
        waitBound.set(ValueLayout.JAVA_LONG, 0, WAIT_BOUND_NANOS / 1_000_000_000L);
        waitBound.set(ValueLayout.JAVA_LONG, 8, WAIT_BOUND_NANOS % 1_000_000_000L);
    }

    @Override
    public void awaitRoom(long index) {
        await(takeRoom, "room in the ring");
    }

    @Override
    public void publish(long next) {
        ring.published.setRelease(next);
        post(postMessage);
    }

    @Override
    public void awaitMessage(long index) {
        await(takeMessage, "a message in the ring");
    }

    @Override
    public void release(long next) {
        ring.consumed.setRelease(next);
        post(postRoom);
    }

    private void await(MemorySegment take, String what) {
        while (true) {
            int r = SysvSemaphores.operate(semid, take, waitBound);
            if (r == 0) {
                return;
            }
            if (r == -Errno.EAGAIN || r == -SysvSemaphores.EIDRM) {
                other.check(what);
                if (r == -SysvSemaphores.EIDRM) {
                    throw other.gone(what + " (the semaphore set was removed)");
                }
            } else if (r != -Errno.EINTR) {
                throw new NativeException("semtimedop(" + semid + ", -1)", -r);
            }
        }
    }

    /** A post never sleeps (a count stays far below SEMVMX, 32767: at most the capacity, 4096). */
    private void post(MemorySegment give) {
        int r;
        do {
            r = SysvSemaphores.operate(semid, give, MemorySegment.NULL);
        } while (r == -Errno.EINTR);
        if (r == -SysvSemaphores.EIDRM) {
            throw other.gone("the semaphore set to post to (it was removed)");
        }
        if (r != 0) {
            throw new NativeException("semop(" + semid + ", +1)", -r);
        }
    }

    private static MemorySegment operation(Arena arena, int index, int delta) {
        MemorySegment sembuf = arena.allocate(SysvSemaphores.SEMBUF_BYTES, 2);
        SysvSemaphores.operation(sembuf, index, delta);
        return sembuf;
    }
}
