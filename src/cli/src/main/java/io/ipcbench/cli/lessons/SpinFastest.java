package io.ipcbench.cli.lessons;

import io.ipcbench.cli.results.Fmt;
import io.ipcbench.cli.results.JmhResult;
import io.ipcbench.cli.results.Run;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Lesson 1, the other half: shared memory whose two sides spin on acquire/release atomics has the
 * lowest round trip of all for small messages (up to 1 KiB), because no system call and no
 * wake-up is left. Each side at its best: shm sync=SPIN's lowest p50 at a size against the lowest
 * of every other mechanism and of shm's blocking strategies. SPIN_THEN_FUTEX spins too for short
 * waits, so it is the same strategy here and is not a rival.
 */
record SpinFastest() implements Claim {
    @Override
    public String statement() {
        return "shm + SPIN has the lowest round trip of all mechanisms for messages ≤ 1 KiB (p50)";
    }

    @Override
    public Verdict check(Run run) {
        String threshold = "ratio = shm sync=SPIN's lowest p50 / the lowest of every other mechanism and every blocking shm "
                + "strategy; reproduced when it is < 1 beyond the noise at every size ≤ 1 KiB, not reproduced when it is > 1 "
                + "beyond the noise at one, inconclusive otherwise";
        List<JmhResult> spin = Pick.all(run, "shm", true, Map.of("sync", "SPIN")).stream()
                .filter(r -> r.size().isPresent() && r.size().getAsLong() <= SMALL).toList();
        TreeSet<Long> sizes = new TreeSet<>(spin.stream().map(r -> r.size().getAsLong()).toList());
        List<String> measured = new ArrayList<>();
        List<Noise.Ratio> ratios = new ArrayList<>();
        for (long size : sizes) {
            JmhResult best = fastestOf(spin.stream().filter(r -> r.size().getAsLong() == size).toList()).orElseThrow();
            Optional<JmhResult> rival = fastestOf(run.results().stream().filter(r -> isRival(r, size)).toList());
            if (rival.isEmpty()) {
                continue;
            }
            Noise.Ratio ratio = Noise.ratio(best, rival.get());
            ratios.add(ratio);
            measured.add(Fmt.size(size) + ": " + Pick.describe(best) + " " + Pick.figure(best) + " vs fastest other "
                    + Pick.describe(rival.get()) + " " + Pick.figure(rival.get()) + " (" + ratio.text() + ")");
        }
        if (measured.isEmpty()) {
            return Verdict.notMeasured(sizes.isEmpty() ? "no shm sync=SPIN round trip at ≤ 1 KiB in this run"
                    : "no other mechanism's round trip at the same sizes", threshold);
        }
        return Noise.verdict(ratios, Noise.Side.BELOW, String.join("; ", measured), threshold);
    }

    private static boolean isRival(JmhResult r, long size) {
        if (!r.isLatency() || r.size().isEmpty() || r.size().getAsLong() != size || r.module().equals(Run.FLOOR_MODULE) || !Pick.isPair(r)) {
            return false;
        }
        return !r.module().equals("shm") || Waits.sleeps(r);
    }

    private static Optional<JmhResult> fastestOf(List<JmhResult> results) {
        return results.stream().filter(r -> Double.isFinite(r.typical())).min(Comparator.comparingDouble(JmhResult::typical));
    }
}
