package io.ipcbench.bench;

import io.ipcbench.ring.SyncCounts;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.util.List;
import java.util.Optional;

/**
 * {@link OsCostProfiler}'s metrics for rings whose ends sleep (shm and mmap with FUTEX or
 * SPIN_THEN_FUTEX, the eventfd ring): {@code sync.wakes}, the wake calls both processes made
 * (FUTEX_WAKE, a write to the doorbell), and {@code sync.sleeps}, the sleeps they began (FUTEX_WAIT,
 * a read of the doorbell), per operation. A protocol that wakes only a sleeper shows about one
 * wake per sleep. Read from the rings' shared counters ({@link SyncCounts}) at the start of an
 * iteration and after it; none for trials whose ends do not sleep.
 */
final class SyncCost {
    private final Optional<SyncCounts.Totals> atStart;

    private SyncCost(Optional<SyncCounts.Totals> atStart) {
        this.atStart = atStart;
    }

    static SyncCost atStart() {
        return new SyncCost(SyncCounts.total());
    }

    /** Adds the metrics of what was counted since {@link #atStart}, over {@code ops} operations. */
    void addPerOp(List<Result> results, long ops) {
        SyncCounts.total().ifPresent(now -> {
            SyncCounts.Totals spent = now.minus(atStart.orElse(SyncCounts.Totals.NONE));
            results.add(new ScalarResult("sync.wakes", (double) spent.wakes() / ops, "#/op", AggregationPolicy.AVG));
            results.add(new ScalarResult("sync.sleeps", (double) spent.sleeps() / ops, "#/op", AggregationPolicy.AVG));
        });
    }
}
