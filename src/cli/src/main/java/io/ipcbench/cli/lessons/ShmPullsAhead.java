package io.ipcbench.cli.lessons;

import io.ipcbench.cli.results.Fmt;
import io.ipcbench.cli.results.JmhResult;
import io.ipcbench.cli.results.Run;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Lesson 3 of the README: copy-based mechanisms pay two copies and system calls per message,
 * shared memory pays them once at set-up, so shared memory pulls ahead as messages grow. To see
 * the copies and not the waiting, shared memory is taken with a blocking sync (FUTEX, else
 * SEMAPHORE) like the copy-based mechanisms' classic set-up: both then pay one wake-up per
 * message. Shared memory's advantage (how many times faster it is) at the largest common size
 * is set against the advantage at the smallest, for each copy-based mechanism in the run.
 */
record ShmPullsAhead(boolean latency) implements Claim {
    static final List<String> COPY_BASED = List.of("pipe", "fifo", "uds", "tcp", "mqueue");

    @Override
    public String statement() {
        return "shm pulls ahead of copy-based mechanisms as messages grow (" + (latency ? "round trip p50" : "messages/s") + ")";
    }

    @Override
    public Verdict check(Run run) {
        String threshold = "advantage = how many times faster shm (blocking sync) is than the mechanism; reproduced when "
                + "the advantage at the largest common size / the advantage at the smallest is > 1 beyond the noise for every "
                + "copy-based mechanism present, not reproduced when it is < 1 beyond the noise for one, inconclusive "
                + "otherwise";
        Optional<String> sync = Waits.sleepingSyncs().stream()
                .filter(s -> !Pick.all(run, "shm", latency, Map.of("sync", s)).isEmpty()).findFirst();
        if (sync.isEmpty()) {
            return Verdict.notMeasured("no shm " + kind() + " with a sleeping sync (" + String.join(" or ", Waits.sleepingSyncs()) + ") in this run", threshold);
        }
        List<String> measured = new ArrayList<>();
        List<Noise.Ratio> growth = new ArrayList<>();
        for (String module : COPY_BASED) {
            TreeSet<Long> sizes = sizes(run, "shm", Map.of("sync", sync.get()));
            sizes.retainAll(sizes(run, module, Map.of()));
            if (sizes.size() < 2) {
                continue;
            }
            JmhResult[] small = pair(run, module, sync.get(), sizes.first());
            JmhResult[] large = pair(run, module, sync.get(), sizes.last());
            // (shm's advantage at the largest size) / (its advantage at the smallest), each advantage a ratio of two results
            Noise.Ratio ratio = Noise.ratio(List.of(large[1], small[0]), List.of(large[0], small[1]));
            growth.add(ratio);
            measured.add(module + ": " + Fmt.ratio(small[1].typical() / small[0].typical()) + " at " + Fmt.size(sizes.first())
                    + " → " + Fmt.ratio(large[1].typical() / large[0].typical()) + " at " + Fmt.size(sizes.last())
                    + ", growth " + ratio.text());
        }
        if (measured.isEmpty()) {
            return Verdict.notMeasured("no copy-based mechanism (" + String.join(", ", COPY_BASED) + ") measured at two or "
                    + "more sizes shared with shm sync=" + sync.get(), threshold);
        }
        return Noise.verdict(growth, Noise.Side.ABOVE, "shm sync=" + sync.get() + " advantage over " + String.join("; ", measured),
                threshold);
    }

    /**
     * The two results whose ratio is shm's advantage at one size, {denominator, numerator}: for round trips the other
     * mechanism's p50 over shm's, for throughput shm's rate over the other's.
     */
    private JmhResult[] pair(Run run, String module, String sync, long size) {
        String at = Long.toString(size);
        JmhResult shm = Pick.one(run, "shm", latency, Map.of("sync", sync, "size", at)).orElseThrow();
        JmhResult other = Pick.one(run, module, latency, Map.of("size", at)).orElseThrow();
        return latency ? new JmhResult[] {shm, other} : new JmhResult[] {other, shm};
    }

    private TreeSet<Long> sizes(Run run, String module, Map<String, String> required) {
        TreeSet<Long> sizes = new TreeSet<>();
        Pick.all(run, module, latency, new HashMap<>(required)).forEach(r -> r.size().ifPresent(sizes::add));
        return sizes;
    }

    private String kind() {
        return latency ? "round trip" : "throughput";
    }
}
