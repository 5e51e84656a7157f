package io.ipcbench.ring;

import io.ipcbench.link.Liveness;
import io.ipcbench.os.Errno;
import io.ipcbench.os.Libc;
import io.ipcbench.os.NativeException;
import io.ipcbench.os.Pthreads;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;

/**
 * The textbook monitor: the ring's indices are read and written only while holding the ring's
 * process-shared, robust pthread mutex, and a side that finds nothing to do waits on a condition
 * variable (the producer for room, the consumer for a message). Every operation takes and
 * releases the mutex (two atomic operations in user space while nobody else holds it); a side
 * that must wait announces itself in the index's announcement word, under the mutex, before it
 * waits, and the other side signals only after taking an announcement, after unlocking, so that
 * the woken side does not find the mutex still held. Sleeps and signals are counted as the other
 * sleeping syncs count theirs ({@link SideCounters}).
 * <p>
 * Every wait is bounded: the mutex is taken with pthread_mutex_clocklock and a condition waited
 * on with pthread_cond_timedwait, both against a CLOCK_MONOTONIC deadline 200 ms ahead, after
 * which the other process is checked. A process that dies holding the mutex does not hang this
 * one: the mutex is robust, so the kernel marks it and the next lock returns EOWNERDEAD, which
 * fails the trial naming the other process. The mutex and conditions are initialised by whoever
 * creates the memory, before the other process maps it ({@link SharedRings#initialiseSync}).
 */
final class MutexSync implements Sync {
    /** Bound on one wait for the mutex or a condition, after which the waiter checks the other process is alive. */
    private static final long WAIT_BOUND_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final Ring ring;
    private final Liveness other;
    /** The CLOCK_MONOTONIC deadline of a bounded wait, written only on the way to wait. */
    private final MemorySegment deadline = Arena.ofAuto().allocate(Libc.TIMESPEC);

    MutexSync(Ring ring, Liveness other) {
        this.ring = ring;
        this.other = other;
    }

    @Override
    public void awaitRoom(long index) {
        awaitAbove(ring.consumed, index - ring.capacity, ring.roomCondition, ring.producerCounters, "room in the ring");
    }

    @Override
    public void publish(long next) {
        advance(ring.published, next, ring.messagesCondition, ring.producerCounters, "the ring's mutex to publish");
    }

    @Override
    public void awaitMessage(long index) {
        awaitAbove(ring.published, index, ring.messagesCondition, ring.consumerCounters, "a message in the ring");
    }

    @Override
    public void release(long next) {
        advance(ring.consumed, next, ring.roomCondition, ring.consumerCounters, "the ring's mutex to release a slot");
    }

    @Override
    public boolean sleeps() {
        return true;
    }

    private void awaitAbove(SharedIndex watched, long threshold, MemorySegment condition, SideCounters counters, String what) {
        lock(what);
        try {
            while (watched.getAcquire() <= threshold) {
                watched.announceVolatile();
                counters.incrementSleepsOpaque();
                Pthreads.monotonicDeadline(deadline, WAIT_BOUND_NANOS);
                int r = Pthreads.waitUntil(condition, ring.mutex, deadline);
                if (r == Pthreads.EOWNERDEAD) {
                    throw ownerDied(what); // the mutex is held again: released below
                }
                if (r == Errno.ETIMEDOUT) {
                    other.check(what);
                } else if (r != 0) {
                    throw new NativeException("pthread_cond_timedwait", r);
                }
            }
            // an announcement still standing (the wait timed out, or the index moved before it) is withdrawn: no signal is paid for it
            watched.takeAnnouncementVolatile();
        } finally {
            Pthreads.unlock(ring.mutex);
        }
    }

    private void advance(SharedIndex own, long next, MemorySegment condition, SideCounters counters, String what) {
        boolean waiter;
        lock(what);
        try {
            own.setRelease(next);
            waiter = own.takeAnnouncementVolatile();
        } finally {
            Pthreads.unlock(ring.mutex);
        }
        if (waiter) {
            counters.incrementWakesOpaque();
            Pthreads.signal(condition);
        }
    }

    /** trylock first: a free mutex costs what pthread_mutex_lock's fast path costs, with no clock read. */
    private void lock(String what) {
        int r = Pthreads.tryLock(ring.mutex);
        while (r != 0) {
            if (r == Pthreads.EOWNERDEAD) {
                RuntimeException died = ownerDied(what);
                Pthreads.unlock(ring.mutex);
                throw died;
            }
            if (r == Errno.ETIMEDOUT) {
                other.check(what);
            } else if (r != Pthreads.EBUSY) {
                throw new NativeException("pthread_mutex_lock", r);
            }
            Pthreads.monotonicDeadline(deadline, WAIT_BOUND_NANOS);
            r = Pthreads.lockUntil(ring.mutex, deadline);
        }
    }

    /**
     * This thread holds a mutex whose owner died holding it: it is made consistent, so that the
     * caller's unlock leaves it usable, and the trial fails with the other process's exit status,
     * which {@link Liveness#gone} waits for.
     */
    private RuntimeException ownerDied(String what) {
        Pthreads.markConsistent(ring.mutex);
        return other.gone(what + " (the other process died holding the ring's mutex: EOWNERDEAD)");
    }
}
