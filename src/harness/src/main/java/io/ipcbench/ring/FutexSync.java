package io.ipcbench.ring;

import io.ipcbench.link.Liveness;
import io.ipcbench.os.Libc;

/**
 * {@link SleepingSync} on a futex: the waiter sleeps in FUTEX_WAIT on its announcement word, which
 * refuses to sleep once the mover has taken the announcement (EAGAIN), for at most 200 ms before
 * it checks the other process; the mover calls FUTEX_WAKE on the word it took. With
 * {@code spinNanos = 0} this is plain futex sleeping (FUTEX); with a budget it is the
 * spin-then-park pattern production queues use (SPIN_THEN_FUTEX).
 */
final class FutexSync extends SleepingSync {
    private final FutexSleeper sleeper;

    FutexSync(Ring ring, Liveness other, long spinNanos) {
        this(ring, other, spinNanos, FutexSleeper.SLEEP_BOUND_NANOS);
    }

    /** With another bound on one sleep: a test that must see a lost wake-up hang instead of heal. */
    FutexSync(Ring ring, Liveness other, long spinNanos, long sleepBoundNanos) {
        super(ring, other, spinNanos);
        this.sleeper = new FutexSleeper(other, sleepBoundNanos);
    }

    @Override
    void wake(SharedIndex own) {
        Libc.futexWake(own.futexWord, 1);
    }

    @Override
    void sleep(SharedIndex watched, long seen, String what) {
        sleeper.sleepOn(watched.futexWord, what);
    }
}
