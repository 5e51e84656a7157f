package io.ipcbench.link;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A set-up step that must wait for the other process (a FIFO's reader to open, a connection to
 * accept): tried every millisecond without blocking, checking the other process between tries,
 * given up after a deadline. Set-up only: never used per message.
 */
public final class SetUpWait {
    private static final long RETRY_MILLIS = 1;

    private SetUpWait() {}

    /** Calls {@code attempt} until it returns a value (null means "not yet") and returns that value. */
    public static <T> T until(String waitingFor, Liveness other, long timeoutNanos, Supplier<T> attempt) {
        long deadline = System.nanoTime() + timeoutNanos;
        while (true) {
            T result = attempt.get();
            if (result != null) {
                return result;
            }
            other.check(waitingFor);
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("gave up waiting for " + waitingFor + " after "
                        + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
            }
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + waitingFor, e);
            }
        }
    }
}
