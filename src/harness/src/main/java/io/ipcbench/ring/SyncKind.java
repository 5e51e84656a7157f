package io.ipcbench.ring;

import io.ipcbench.link.Liveness;
import io.ipcbench.link.Waiting;

import java.util.concurrent.TimeUnit;

/**
 * The {@code sync} parameter: how the two processes wait for each other on a ring. The benchmarks
 * run the constants in this order.
 */
public enum SyncKind {
    /** Busy-wait with acquire/release atomics and Thread.onSpinWait. */
    SPIN(Waiting.SPINS),
    /** Sleep in FUTEX_WAIT as soon as the other side is not ready; one FUTEX_WAKE per sleep ({@link SleepingSync}). */
    FUTEX(Waiting.SLEEPS),
    /** Spin up to {@link #SPIN_BUDGET_NANOS}, then sleep as FUTEX does. */
    SPIN_THEN_FUTEX(Waiting.SPINS_THEN_SLEEPS),
    /** POSIX named semaphores (sem_wait / sem_post), one pair per ring. */
    SEMAPHORE(Waiting.SLEEPS);

    /**
     * 50 µs: about two cross-CPU wake-ups on a small VM. Spinning as long as a sleep would cost
     * bounds the waste to twice the optimum whatever the other side does.
     */
    public static final long SPIN_BUDGET_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private final Waiting waiting;

    SyncKind(Waiting waiting) {
        this.waiting = waiting;
    }

    /** Whether a side waiting this way spins, sleeps, or spins and then sleeps. */
    public Waiting waiting() {
        return waiting;
    }

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
