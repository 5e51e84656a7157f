package io.ipcbench.cli.report;

import io.ipcbench.cli.doc.Doc;
import io.ipcbench.cli.results.Fmt;
import io.ipcbench.cli.results.JmhResult;
import io.ipcbench.cli.results.Metric;
import io.ipcbench.cli.results.Run;
import io.ipcbench.cli.results.Significance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Results whose forks ran in two modes. A fork is a fresh benchmark JVM and a fresh peer; on a
 * virtual machine its two vCPUs may sit on neighbouring host cores or far apart, and a spinning
 * result then lands in one of two places (forks at 9.8, 2.2, 7.9, 2.2 and 8.1 M msgs/s), where
 * the mean and its interval describe neither. The rule: the forks' typical values (a round trip's
 * p50 per fork, the mean of its iterations otherwise), on a log scale, split at their widest gap
 * into a fast and a slow group; the result is split when that gap is more than {@link #SEPARATION}
 * times the noise (the spread of the forks inside either group, and of any fork's own iterations)
 * and the groups are at least {@link #MIN_RATIO} apart. One fork far from the others counts too:
 * it disagrees beyond their noise. Two forks of one iteration each show no noise to judge by and
 * are never called split. Each fork's {@code probe.pingpong} says whether its CPUs were in
 * another mode as well.
 */
public final class ForkModes {
    /**
     * The gap between the groups, in units of their own noise. Five forks of plain Gaussian noise
     * pass this and {@link #MIN_RATIO} together about once in 15 to 30 results (simulated: 3 to 7 %,
     * the more the noisier); the spinning row quoted above has a gap of 6 times its noise.
     */
    static final double SEPARATION = 3;
    /** Groups closer than the diff's threshold are one mode as far as any verdict goes, whatever the gap. */
    static final double MIN_RATIO = 1 + Significance.DEFAULT_THRESHOLD;
    static final String PROBE = "probe.pingpong";

    /**
     * A result whose forks split, per fork in run order: its typical value, whether it is in the
     * slow group, and its probe figure (NaN without one).
     */
    record Split(JmhResult result, double[] values, boolean[] slow, double[] probes) {
        /** Whether every slow fork's probe was slower than every fast fork's; empty without a probe for each fork. */
        Optional<Boolean> probeAgrees() {
            if (Arrays.stream(probes).anyMatch(Double::isNaN)) {
                return Optional.empty();
            }
            double slowest = IntStream.range(0, probes.length).filter(f -> !slow[f]).mapToDouble(f -> probes[f]).max().orElseThrow();
            double fastest = IntStream.range(0, probes.length).filter(f -> slow[f]).mapToDouble(f -> probes[f]).min().orElseThrow();
            return Optional.of(fastest > slowest);
        }
    }

    private ForkModes() {
    }

    static List<Split> in(Run run) {
        return run.results().stream().map(ForkModes::of).flatMap(Optional::stream).toList();
    }

    static Optional<Split> of(JmhResult result) {
        Metric primary = result.primary();
        double[] values = primary.forks().stream().mapToDouble(result::typical).toArray();
        int forks = values.length;
        if (forks < 2 || Arrays.stream(values).anyMatch(v -> !(v > 0))) {
            return Optional.empty();
        }
        Integer[] order = IntStream.range(0, forks).boxed().sorted((a, b) -> Double.compare(values[a], values[b])).toArray(Integer[]::new);
        double[] logs = Arrays.stream(order).mapToDouble(f -> Math.log(values[f])).toArray();
        int cut = IntStream.range(1, forks).boxed().max((a, b) -> Double.compare(logs[a] - logs[a - 1], logs[b] - logs[b - 1])).orElseThrow();
        double gap = logs[cut] - logs[cut - 1];
        double noise = Math.max(Math.max(logs[cut - 1] - logs[0], logs[forks - 1] - logs[cut]), iterationSpread(result));
        boolean noiseSeen = cut > 1 || forks - cut > 1 || primary.forks().stream().anyMatch(f -> f.iterations().length > 1);
        double ratio = Math.exp(mean(logs, cut, forks) - mean(logs, 0, cut));
        if (!noiseSeen || gap <= SEPARATION * noise || ratio < MIN_RATIO) {
            return Optional.empty();
        }
        boolean[] slow = new boolean[forks];
        for (int rank = 0; rank < forks; rank++) {
            slow[order[rank]] = (rank >= cut) != result.higherIsBetter();
        }
        return Optional.of(new Split(result, values, slow, probes(result, forks)));
    }

    /** The widest spread, on a log scale, of one fork's own iterations (a round trip's p50 per iteration). */
    private static double iterationSpread(JmhResult result) {
        double widest = 0;
        for (Metric.Fork fork : result.primary().forks()) {
            double[] iterations = result.typicalPerIteration(fork);
            if (iterations.length > 1 && Arrays.stream(iterations).allMatch(v -> v > 0)) {
                double low = Arrays.stream(iterations).min().orElseThrow();
                double high = Arrays.stream(iterations).max().orElseThrow();
                widest = Math.max(widest, Math.log(high / low));
            }
        }
        return widest;
    }

    private static double mean(double[] values, int from, int to) {
        return Arrays.stream(values, from, to).average().orElseThrow();
    }

    /** Each fork's probe figure; NaN for every fork when the result has none, or not one per fork. */
    static double[] probes(JmhResult result, int forks) {
        Metric probe = result.secondary().get(PROBE);
        double[] means = probe == null ? new double[0] : probe.forkMeans();
        if (means.length != forks) {
            double[] none = new double[forks];
            Arrays.fill(none, Double.NaN);
            return none;
        }
        return means;
    }

    /** The report's section: the rule, the probe over the run, and every split result with its forks. */
    static Doc section(Run run) {
        Doc doc = new Doc("Forks in two modes").heading(2, "Forks in two modes");
        if (run.results().stream().allMatch(r -> r.primary().forks().size() < 2)) {
            return doc.para("Every result ran one fork: modes between forks cannot show in this run.");
        }
        doc.para("A result is split when its forks' typical values (p50 per fork for a round trip) fall in two groups more than "
                + Fmt.num(SEPARATION) + " times further apart than the spread inside either group and inside any fork's "
                + "iterations, and at least " + Fmt.num(MIN_RATIO) + "× apart. Its mean and interval then describe neither group. "
                + "`" + PROBE + "` is one cache line handed between the two measuring CPUs, once per fork before the peer started: "
                + "when it tells the groups apart, the CPUs themselves were in another mode (on a virtual machine, where the host "
                + "ran its vCPUs); when it does not, look elsewhere (the JIT's decisions, memory placement, other work).");
        probeRange(run).ifPresent(doc::para);
        List<Split> splits = in(run);
        if (splits.isEmpty()) {
            return doc.para("No result's forks split.");
        }
        var table = doc.table("benchmark", "params", "fast forks", "slow forks", "probe tells them apart");
        for (Split split : splits) {
            JmhResult r = split.result();
            table.row(r.shortName(), new ParamNames(List.of(r)).constant(), forks(split, false), forks(split, true),
                    split.probeAgrees().map(agrees -> agrees ? "yes" : "no").orElse("no probe"));
        }
        return table.done();
    }

    private static Optional<String> probeRange(Run run) {
        double[] all = run.results().stream().map(r -> r.secondary().get(PROBE)).filter(m -> m != null)
                .flatMapToDouble(m -> Arrays.stream(m.forkMeans())).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (all.length == 0) {
            return Optional.empty();
        }
        return Optional.of("Over this run's " + all.length + " forks the probe read " + Fmt.time(all[0]) + " to "
                + Fmt.time(all[all.length - 1]) + " per round trip (median " + Fmt.time(all[all.length / 2]) + ").");
    }

    /** "#1 9.82 M/s (probe 180 ns), #3 ..." for the forks of one group. */
    private static String forks(Split split, boolean slow) {
        List<String> cells = new ArrayList<>();
        for (int f = 0; f < split.values().length; f++) {
            if (split.slow()[f] == slow) {
                cells.add("#" + (f + 1) + " " + Fmt.value(split.values()[f], split.result().primary().unit())
                        + (Double.isNaN(split.probes()[f]) ? "" : " (probe " + Fmt.time(split.probes()[f]) + ")"));
            }
        }
        return String.join(", ", cells);
    }

    /** One line for the console after a run, or empty when no result split. */
    public static Optional<String> summary(Run run) {
        List<Split> splits = in(run);
        if (splits.isEmpty()) {
            return Optional.empty();
        }
        List<String> named = splits.stream().limit(3)
                .map(s -> s.result().shortName() + " " + new ParamNames(List.of(s.result())).constant()).toList();
        long explained = splits.stream().filter(s -> s.probeAgrees().orElse(false)).count();
        return Optional.of(splits.size() + " result" + (splits.size() == 1 ? "" : "s") + " ran in two modes across forks ("
                + String.join("; ", named) + (splits.size() > 3 ? "; ..." : "") + "), " + explained + " of them with the CPU probe"
                + " telling the modes apart: their means describe neither mode; see \"Forks in two modes\" in the report");
    }
}
