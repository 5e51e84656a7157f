package io.ipcbench.ring;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Wake calls and sleeps of both processes on the sleeping rings whose benchmark ends this JVM
 * opened, summed over every side of every ring ({@link SideCounters}, read from the shared
 * memory): what the profiler reports per operation as {@code sync.wakes} and {@code sync.sleeps}.
 * A ring's last reading is kept when it closes, so the totals only grow and an iteration's share
 * is the difference of two readings, even across the trial's tear-down, which JMH runs before
 * the profiler's reading after the last iteration.
 */
public final class SyncCounts {
    /** Wake calls made and sleeps begun. */
    public record Totals(long wakes, long sleeps) {
        public static final Totals NONE = new Totals(0, 0);

        public Totals minus(Totals earlier) {
            return new Totals(wakes - earlier.wakes, sleeps - earlier.sleeps);
        }

        Totals plus(SideCounters side) {
            return new Totals(wakes + side.wakesOpaque(), sleeps + side.sleepsOpaque());
        }
    }

    private static final List<Ring> OPEN = new ArrayList<>();
    private static Totals closed = Totals.NONE;
    private static boolean counting;

    private SyncCounts() {}

    /** Empty until this JVM opened a ring whose ends sleep: SPIN, SEMAPHORE and SYSV_SEMAPHORE count nothing here. */
    public static synchronized Optional<Totals> total() {
        if (!counting) {
            return Optional.empty();
        }
        Totals total = closed;
        for (Ring ring : OPEN) {
            total = total.plus(ring.producerCounters).plus(ring.consumerCounters);
        }
        return Optional.of(total);
    }

    /** Counts {@code rings} from now on; the action returned, run before they are unmapped, keeps their last reading. */
    static synchronized Runnable count(Ring... rings) {
        counting = true;
        OPEN.addAll(List.of(rings));
        return () -> stop(rings);
    }

    private static synchronized void stop(Ring... rings) {
        for (Ring ring : rings) {
            if (OPEN.remove(ring)) {
                closed = closed.plus(ring.producerCounters).plus(ring.consumerCounters);
            }
        }
    }
}
