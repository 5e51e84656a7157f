package io.ipcbench.ring;

import io.ipcbench.link.Liveness;
import io.ipcbench.link.Params;
import io.ipcbench.link.Waiting;
import io.ipcbench.os.Pthreads;

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
    SEMAPHORE(Waiting.SLEEPS),
    /** A process-shared, robust pthread mutex and two condition variables per ring, in the ring's memory ({@link MutexSync}). */
    MUTEX(Waiting.SLEEPS),
    /** A System V semaphore set (semtimedop), one pair of its semaphores per ring ({@link SysvSemaphoreSync}). */
    SYSV_SEMAPHORE(Waiting.SLEEPS);

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

    /**
     * The trial's {@code sync}; throws naming a bad one, or MUTEX where this platform's pthread
     * objects are not the sizes the rings reserve ({@link Pthreads#requireLayouts}).
     */
    public static SyncKind of(Params params) {
        SyncKind sync = params.choice("sync", SyncKind.class);
        if (sync == MUTEX) {
            Pthreads.requireLayouts();
        }
        return sync;
    }

    Sync bind(Ring ring, Liveness other, RingSemaphores semaphores) {
        return switch (this) {
            case SEMAPHORE -> new SemaphoreSync(ring, other, semaphores.room(), semaphores.messages());
            case SYSV_SEMAPHORE -> new SysvSemaphoreSync(ring, other, Integer.parseInt(semaphores.sysvSet()),
                    Integer.parseInt(semaphores.room()), Integer.parseInt(semaphores.messages()));
            case MUTEX -> new MutexSync(ring, other);
            case SPIN -> new SpinSync(ring, other);
            case FUTEX -> new FutexSync(ring, other, 0);
            case SPIN_THEN_FUTEX -> new FutexSync(ring, other, SPIN_BUDGET_NANOS);
        };
    }

    /**
     * The two semaphores of one ring: with SEMAPHORE their names, with SYSV_SEMAPHORE their indices
     * in the set {@code sysvSet} (its semid); null otherwise.
     */
    record RingSemaphores(String room, String messages, String sysvSet) {}
}
