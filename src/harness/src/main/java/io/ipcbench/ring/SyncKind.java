package io.ipcbench.ring;

import io.ipcbench.link.Liveness;

import java.util.concurrent.TimeUnit;

/** The {@code sync} parameter: how the two processes wait for each other on a ring. */
public enum SyncKind {
    /** POSIX named semaphores (sem_wait / sem_post), one pair per ring. */
    SEMAPHORE,
    /** Busy-wait with acquire/release atomics and Thread.onSpinWait. */
    SPIN,
    /** Sleep in FUTEX_WAIT as soon as the other side is not ready; one FUTEX_WAKE per sleep ({@link SleepingSync}). */
    FUTEX,
    /** Spin up to {@link #SPIN_BUDGET_NANOS}, then sleep as FUTEX does. */
    SPIN_THEN_FUTEX;

    /**
     * 50 µs: about two cross-CPU wake-ups on a small VM. Spinning as long as a sleep would cost
     * bounds the waste to twice the optimum whatever the other side does.
     */
    public static final long SPIN_BUDGET_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    Sync bind(Ring ring, Liveness other, RingSemaphores semaphores) {
        return switch (this) {
            case SEMAPHORE -> new SemaphoreSync(ring, other, semaphores.room(), semaphores.messages());
            case SPIN -> new SpinSync(ring, other);
            case FUTEX -> new FutexSync(ring, other, 0);
            case SPIN_THEN_FUTEX -> new FutexSync(ring, other, SPIN_BUDGET_NANOS);
        };
    }

    /** Names of the two semaphores of one ring (SEMAPHORE only; null otherwise). */
    record RingSemaphores(String room, String messages) {}
}
