package io.ipcbench.ring;

import io.ipcbench.link.Liveness;
import io.ipcbench.os.Errno;
import io.ipcbench.os.Libc;
import io.ipcbench.os.NativeException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;

/**
 * {@link SleepingSync} on a futex: the waiter sleeps in FUTEX_WAIT on its announcement word, which
 * refuses to sleep once the mover has taken the announcement (EAGAIN), for at most 200 ms before
 * it checks the other process; the mover calls FUTEX_WAKE on the word it took. With
 * {@code spinNanos = 0} this is plain futex sleeping (FUTEX); with a budget it is the
 * spin-then-park pattern production queues use (SPIN_THEN_FUTEX).
 */
final class FutexSync extends SleepingSync {
    /** Bound on one sleep, after which the waiter checks the other process is alive. */
    private static final long SLEEP_BOUND_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final MemorySegment sleepBound;

    FutexSync(Ring ring, Liveness other, long spinNanos) {
        this(ring, other, spinNanos, SLEEP_BOUND_NANOS);
    }

    /** With another bound on one sleep: a test that must see a lost wake-up hang instead of heal. */
    FutexSync(Ring ring, Liveness other, long spinNanos, long sleepBoundNanos) {
        super(ring, other, spinNanos);
        this.sleepBound = Arena.ofAuto().allocate(Libc.TIMESPEC);
        sleepBound.set(ValueLayout.JAVA_LONG, 0, sleepBoundNanos / 1_000_000_000L);
        sleepBound.set(ValueLayout.JAVA_LONG, 8, sleepBoundNanos % 1_000_000_000L);
    }

    @Override
    void wake(SharedIndex own) {
        Libc.futexWake(own.futexWord, 1);
    }

    @Override
    void sleep(SharedIndex watched, long seen, String what) {
        int r = Libc.futexWait(watched.futexWord, SharedIndex.ANNOUNCED, sleepBound);
        if (r == -Errno.ETIMEDOUT) {
            other.check(what);
        } else if (r != 0 && r != -Errno.EAGAIN && r != -Errno.EINTR) {
            throw new NativeException("futex(FUTEX_WAIT)", -r);
        }
    }
}
