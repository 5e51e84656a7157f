package io.ipcbench.cli;

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
    private static final List<String> BLOCKING_SYNCS = List.of("FUTEX", "SEMAPHORE");

    @Override
    public String statement() {
        return "shm pulls ahead of copy-based mechanisms as messages grow (" + (latency ? "round trip p50" : "messages/s") + ")";
    }

    @Override
    public Verdict check(Run run) {
        String threshold = "advantage = how many times faster shm (blocking sync) is than the mechanism; reproduced when "
                + "the advantage at the largest common size > at the smallest, for every copy-based mechanism present";
        Optional<String> sync = BLOCKING_SYNCS.stream()
                .filter(s -> !Pick.all(run, "shm", latency, Map.of("sync", s)).isEmpty()).findFirst();
        if (sync.isEmpty()) {
            return Verdict.notMeasured("no shm " + kind() + " with a blocking sync (FUTEX or SEMAPHORE) in this run", threshold);
        }
        List<String> measured = new ArrayList<>();
        boolean ahead = true;
        for (String module : COPY_BASED) {
            TreeSet<Long> sizes = sizes(run, "shm", Map.of("sync", sync.get()));
            sizes.retainAll(sizes(run, module, Map.of()));
            if (sizes.size() < 2) {
                continue;
            }
            double small = advantage(run, module, sync.get(), sizes.first());
            double large = advantage(run, module, sync.get(), sizes.last());
            ahead &= large > small;
            measured.add(module + ": " + Fmt.ratio(small) + " at " + Fmt.size(sizes.first()) + " → " + Fmt.ratio(large)
                    + " at " + Fmt.size(sizes.last()));
        }
        if (measured.isEmpty()) {
            return Verdict.notMeasured("no copy-based mechanism (" + String.join(", ", COPY_BASED) + ") measured at two or "
                    + "more sizes shared with shm sync=" + sync.get(), threshold);
        }
        return Verdict.of(ahead, "shm sync=" + sync.get() + " advantage over " + String.join("; ", measured), threshold);
    }

    private double advantage(Run run, String module, String sync, long size) {
        String at = Long.toString(size);
        JmhResult shm = Pick.one(run, "shm", latency, Map.of("sync", sync, "size", at)).orElseThrow();
        JmhResult other = Pick.one(run, module, latency, Map.of("size", at)).orElseThrow();
        return latency ? other.typical() / shm.typical() : shm.typical() / other.typical();
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
