package io.ipcbench.cli.lessons;

import io.ipcbench.cli.results.JmhResult;
import io.ipcbench.link.FdWait;
import io.ipcbench.link.Waiting;
import io.ipcbench.ring.SyncKind;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How a result's two sides wait, asked of its wait strategy: the {@code sync} of a ring
 * ({@link SyncKind}), else the {@code wait} of a descriptor or a queue ({@link FdWait}). A result
 * with neither param waits in the kernel (signals block in sigtimedwait). Empty for a value
 * neither strategy knows (a run of other code), which no lesson then counts.
 */
public final class Waits {
    private Waits() {}

    public static Optional<Waiting> of(JmhResult r) {
        String sync = r.param("sync");
        if (sync != null) {
            return Arrays.stream(SyncKind.values()).filter(kind -> kind.name().equals(sync)).findFirst().map(SyncKind::waiting);
        }
        String wait = r.param("wait");
        if (wait != null) {
            return Arrays.stream(FdWait.values()).filter(kind -> kind.name().equals(wait)).findFirst().map(FdWait::waiting);
        }
        return Optional.of(Waiting.SLEEPS);
    }

    static boolean sleeps(JmhResult r) {
        return of(r).equals(Optional.of(Waiting.SLEEPS));
    }

    static boolean onlySpins(JmhResult r) {
        return of(r).equals(Optional.of(Waiting.SPINS));
    }

    /** The ring syncs that sleep at once (FUTEX, SEMAPHORE), in the order the benchmarks run them. */
    static List<String> sleepingSyncs() {
        return Arrays.stream(SyncKind.values()).filter(kind -> kind.waiting() == Waiting.SLEEPS).map(SyncKind::name).toList();
    }
}
