package io.ipcbench.cli.lessons;

import io.ipcbench.cli.results.Fmt;
import io.ipcbench.cli.results.JmhResult;
import io.ipcbench.cli.results.Run;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The comparison guide's scalability row: ten writers into one reader move about 18 GB/s through
 * shared memory, 2.5 GB/s through Unix-domain sockets, 400 MB/s through a message queue, and pipes
 * are "1:1 only". Judged on the fan-in benchmarks of the run (N producer processes, one consumer),
 * at the largest producer count all of them measured and, at that count, the largest message size
 * they share, each at its best params there (rings and sync, socket type...): aggregate bytes per
 * second, messages consumed per second times their size. The order claimed is checked pair by pair
 * among shm, uds and mqueue; the pipe, which the claim leaves out, is ranked with them: N writers
 * into one pipe is what the pipe fan-in measures.
 */
record FanInBandwidth() implements Claim {
    /** A fan-in benchmark: its module, its class, and the figure the claim gives it. */
    record FanIn(String module, String benchmark, String claimed) {
        List<JmhResult> results(Run run) {
            return run.ofModule(module).stream().filter(r -> r.shortName().startsWith(benchmark + ".") && !r.isLatency()).toList();
        }
    }

    /** In the order the claim ranks them. */
    static final List<FanIn> CLAIMED_ORDER = List.of(new FanIn("shm", "ShmFanIn", "~18 GB/s"), new FanIn("uds", "UdsFanIn", "~2.5 GB/s"),
            new FanIn("mqueue", "MqueueFanIn", "~400 MB/s"));
    static final FanIn PIPE = new FanIn("pipe", "PipeFanIn", "\"1:1 only\"");

    @Override
    public String statement() {
        return "10 writers into 1 reader: shm (~18 GB/s) > uds (~2.5 GB/s) > mqueue (~400 MB/s), pipes \"1:1 only\""
                + " (aggregate bytes/s of a fan-in)";
    }

    @Override
    public Verdict check(Run run) {
        String threshold = "at the largest producer count and size every fan-in present measured, each at its best params:"
                + " reproduced when each of shm, uds, mqueue present moves more bytes/s than the next one present beyond the noise,"
                + " not reproduced when one moves fewer beyond the noise, inconclusive otherwise; not measured with fewer than two of them";
        Map<FanIn, List<JmhResult>> present = new LinkedHashMap<>();
        for (FanIn fanIn : concat(CLAIMED_ORDER, PIPE)) {
            List<JmhResult> results = fanIn.results(run);
            if (!results.isEmpty()) {
                present.put(fanIn, results);
            }
        }
        List<FanIn> ranked = CLAIMED_ORDER.stream().filter(present::containsKey).toList();
        String missing = concat(CLAIMED_ORDER, PIPE).stream().filter(f -> !present.containsKey(f)).map(FanIn::module)
                .collect(Collectors.joining(", "));
        if (ranked.size() < 2) {
            return Verdict.notMeasured("fan-in measured for " + (present.isEmpty() ? "no mechanism" : present.keySet().stream()
                    .map(FanIn::module).collect(Collectors.joining(", "))) + "; not measured: " + missing, threshold);
        }
        Optional<long[]> point = largestCommonPoint(present.values());
        if (point.isEmpty()) {
            return Verdict.notMeasured("no producer count and size measured by every fan-in present ("
                    + present.keySet().stream().map(FanIn::module).collect(Collectors.joining(", ")) + ")", threshold);
        }
        long producers = point.get()[0];
        long size = point.get()[1];
        Map<FanIn, JmhResult> best = new LinkedHashMap<>();
        present.forEach((fanIn, results) -> best.put(fanIn, results.stream().filter(r -> at(r, producers, size))
                .max(Comparator.comparingDouble(JmhResult::typical)).orElseThrow()));
        List<Noise.Ratio> ratios = new ArrayList<>();
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < ranked.size(); i++) {
            Noise.Ratio ratio = Noise.ratio(best.get(ranked.get(i)), best.get(ranked.get(i + 1)));
            ratios.add(ratio);
            pairs.add(ranked.get(i).module() + " / " + ranked.get(i + 1).module() + " " + ratio.text());
        }
        String ranking = best.entrySet().stream().sorted(Comparator.comparingDouble(e -> -e.getValue().typical()))
                .map(e -> e.getKey().module() + " " + Fmt.bandwidth(e.getValue().typical() * size) + " (" + Pick.describe(e.getValue())
                        + "; claimed " + e.getKey().claimed() + ")")
                .collect(Collectors.joining(" > "));
        String measured = producers + " producers, " + Fmt.size(size) + ": " + ranking + "; " + String.join("; ", pairs)
                + (missing.isEmpty() ? "" : "; not measured: " + missing);
        return Noise.verdict(ratios, Noise.Side.ABOVE, measured, threshold);
    }

    /** The largest producer count every fan-in measured at some size, then the largest size all measured at that count. */
    private static Optional<long[]> largestCommonPoint(Iterable<List<JmhResult>> fanIns) {
        Set<List<Long>> common = null;
        for (List<JmhResult> results : fanIns) {
            Set<List<Long>> points = results.stream().filter(r -> r.size().isPresent() && r.param("producers") != null)
                    .map(r -> List.of(Long.parseLong(r.param("producers")), r.size().getAsLong())).collect(Collectors.toSet());
            if (common == null) {
                common = points;
            } else {
                common.retainAll(points);
            }
        }
        TreeSet<List<Long>> ordered = new TreeSet<>(Comparator.<List<Long>>comparingLong(p -> p.get(0)).thenComparingLong(p -> p.get(1)));
        ordered.addAll(common == null ? Set.of() : common);
        return ordered.isEmpty() ? Optional.empty() : Optional.of(new long[] {ordered.last().get(0), ordered.last().get(1)});
    }

    private static boolean at(JmhResult result, long producers, long size) {
        return Long.toString(producers).equals(result.param("producers")) && result.size().orElse(-1) == size;
    }

    private static List<FanIn> concat(List<FanIn> list, FanIn last) {
        List<FanIn> all = new ArrayList<>(list);
        all.add(last);
        return all;
    }
}
