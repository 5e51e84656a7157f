package io.ipcbench.cli.report;

import io.ipcbench.cli.doc.Doc;
import io.ipcbench.cli.lessons.ContextSwitches;
import io.ipcbench.cli.lessons.Pick;
import io.ipcbench.cli.lessons.Waits;
import io.ipcbench.cli.results.Fmt;
import io.ipcbench.cli.results.JmhResult;
import io.ipcbench.cli.results.MachineLoad;
import io.ipcbench.cli.results.Metric;
import io.ipcbench.cli.results.Run;
import io.ipcbench.link.Waiting;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * "Which mechanism for me", answered from one run: the usual decision guide (message size, latency
 * budget, throughput need, whether a CPU may spin) walked with this machine's numbers. A mechanism
 * is a module with the params that say how it works (sync, wait, type, api, kind, backing ...);
 * the buffering params (capacity, depth) are tuning, and the stream takes the best of them, named.
 * The layout and nodelay params are the lessons' counter-examples (false sharing, Nagle's delay),
 * so only their classic value ({@link Pick#CLASSIC}) is offered where the run measured it, and the
 * cross-core pinning where the run has several. Spinning is asked of the wait strategy
 * ({@link Waits}): with no spinning allowed only a strategy that sleeps at once qualifies.
 */
public final class MechanismChoice {
    /** Params that tune a mechanism's buffering rather than say what it is. */
    private static final Set<String> BUFFERING = Set.of("capacity", "depth");
    /** Params whose other values demonstrate a mistake; only the classic value is offered. */
    private static final Set<String> CLASSIC_ONLY = Set.of("layout", "nodelay", "pinning");
    /**
     * A row is noisy when its forks' means (its iterations', in a one-fork run) vary by more than this share of
     * their mean (standard deviation over mean). JMH's 99.9 % interval is not used: over three iterations its
     * Student factor is 18, so it calls a 5 % spread ±100 %.
     */
    static final double NOISY = 0.10;

    /**
     * One mechanism at the size answered for (the asked one, or the next larger it was measured at): its round trip
     * and its best stream there, either may be missing.
     */
    record Option(String name, long size, Optional<Waiting> waiting, Optional<JmhResult> roundTrip, Optional<JmhResult> stream) {
    }

    /** A mechanism that does not qualify, and why. */
    record Left(String name, String why) {
    }

    /** @param qualified ranked, best first */
    record Answer(Need need, List<Option> qualified, List<Left> left) {
    }

    private MechanismChoice() {
    }

    static Answer answer(Run run, Need need) {
        Map<String, List<JmhResult>> byName = new LinkedHashMap<>();
        candidates(run).forEach(r -> byName.computeIfAbsent(name(r), n -> new ArrayList<>()).add(r));
        List<Option> qualified = new ArrayList<>();
        List<Left> left = new ArrayList<>();
        byName.forEach((name, results) -> {
            TreeSet<Long> sizes = new TreeSet<>();
            results.forEach(r -> r.size().ifPresent(sizes::add));
            if (sizes.isEmpty()) {
                left.add(new Left(name, "carries no payload (no size param): a doorbell, not a message"));
                return;
            }
            Long size = sizes.ceiling(need.size());
            if (size == null) {
                left.add(new Left(name, "not measured at " + Fmt.size(need.size()) + " or above in this run (largest: "
                        + Fmt.size(sizes.last()) + "; the mechanism may refuse larger messages)"));
                return;
            }
            List<JmhResult> atSize = results.stream().filter(r -> r.size().orElse(-1) == size).toList();
            Option option = new Option(name, size, Waits.of(results.getFirst()),
                    atSize.stream().filter(JmhResult::isLatency).min(Comparator.comparingDouble(JmhResult::typical)),
                    atSize.stream().filter(JmhResult::higherIsBetter).max(Comparator.comparingDouble(r -> r.primary().score())));
            whyNot(option, need).ifPresentOrElse(why -> left.add(new Left(name, why)), () -> qualified.add(option));
        });
        qualified.sort(ranking(need.rank()));
        return new Answer(need, List.copyOf(qualified), List.copyOf(left));
    }

    /** Why an option fails the need, or empty when it qualifies. */
    private static Optional<String> whyNot(Option option, Need need) {
        if (option.waiting().isEmpty()) {
            return Optional.of("its wait strategy is not one this suite knows, so whether it spins is unknown");
        }
        if (!need.spin() && option.waiting().get() != Waiting.SLEEPS) {
            return Optional.of(option.waiting().get() == Waiting.SPINS ? "spins: burns a CPU while it waits"
                    : "spins before it sleeps: burns a CPU while messages keep coming");
        }
        Optional<String> latency = budget(option, need.p50Ns(), 50.0).or(() -> budget(option, need.p99Ns(), 99.0));
        if (latency.isPresent()) {
            return latency;
        }
        if (need.rate().isPresent()) {
            if (option.stream().isEmpty()) {
                return Optional.of("no throughput measured at this size");
            }
            double rate = option.stream().get().primary().score();
            if (rate < need.rate().getAsDouble()) {
                return Optional.of(Fmt.rate(rate) + " < " + Fmt.rate(need.rate().getAsDouble()));
            }
        }
        if ((need.rank() == Need.Rank.RATE ? option.stream() : option.roundTrip()).isEmpty()) {
            return Optional.of("nothing measured to rank it by at this size (" + (need.rank() == Need.Rank.RATE ? "throughput" : "round trip") + ")");
        }
        return Optional.empty();
    }

    private static Optional<String> budget(Option option, OptionalDouble budgetNs, double percent) {
        if (budgetNs.isEmpty()) {
            return Optional.empty();
        }
        if (option.roundTrip().isEmpty()) {
            return Optional.of("no round trip measured at this size");
        }
        double value = percentile(option.roundTrip().get(), percent);
        return value <= budgetNs.getAsDouble() ? Optional.empty()
                : Optional.of("round trip p" + Fmt.num(percent) + " " + Fmt.time(value) + " > " + Fmt.time(budgetNs.getAsDouble()));
    }

    private static Comparator<Option> ranking(Need.Rank rank) {
        return switch (rank) {
            case P50 -> Comparator.comparingDouble(o -> percentile(o.roundTrip().orElseThrow(), 50.0));
            case P99 -> Comparator.comparingDouble(o -> percentile(o.roundTrip().orElseThrow(), 99.0));
            case RATE -> Comparator.comparingDouble((Option o) -> o.stream().orElseThrow().primary().score()).reversed();
        };
    }

    /** A round trip's percentile; its mean where JMH did not sample. */
    private static double percentile(JmhResult r, double percent) {
        double value = r.primary().percentile(percent);
        return Double.isNaN(value) ? r.primary().score() : value;
    }

    /** The run's two-process results that may be offered: no floor, no topology of several processes, the classic value of a counter-example param. */
    static List<JmhResult> candidates(Run run) {
        List<JmhResult> mechanisms = run.results().stream().filter(r -> !r.module().equals(Run.FLOOR_MODULE))
                .filter(Pick::isPair).toList();
        return mechanisms.stream().filter(r -> CLASSIC_ONLY.stream().allMatch(param -> {
            String classic = Pick.CLASSIC.get(param);
            boolean measured = mechanisms.stream().anyMatch(o -> o.module().equals(r.module()) && classic.equals(o.param(param)));
            return !measured || r.param(param) == null || classic.equals(r.param(param));
        })).toList();
    }

    /** "shm sync=SPIN", "uds type=STREAM wait=BLOCKING": the module and the params that say what the mechanism is. */
    static String name(JmhResult r) {
        SortedMap<String, String> identity = new TreeMap<>(r.params());
        identity.keySet().removeAll(BUFFERING);
        identity.keySet().removeAll(CLASSIC_ONLY);
        identity.remove("size");
        StringBuilder text = new StringBuilder(r.module());
        identity.forEach((k, v) -> text.append(' ').append(k).append('=').append(v));
        return text.toString();
    }

    /** The answer as a document without a heading: the question, what the run says about itself, the ranking and what was left out. */
    static Doc doc(Run run, Answer answer, String title) {
        Doc doc = new Doc(title);
        boolean resized = answer.qualified().stream().anyMatch(o -> o.size() != answer.need().size());
        String sized = resized ? " Where a mechanism was not measured at " + Fmt.size(answer.need().size()) + ", its figures are "
                + "those of the next larger size it was measured at (column `measured at`): a bound, since a larger message costs "
                + "at least as much." : "";
        doc.para("Asked: " + answer.need().describe() + "." + sized);
        runCaveats(run).ifPresent(doc::para);
        if (answer.qualified().isEmpty()) {
            doc.para("**No mechanism of this run qualifies.**");
        } else {
            var table = doc.table("#", "mechanism", "measured at", "round trip p50", "round trip p99", "messages/s", "CPU per round trip",
                    "switches per round trip", "CPU per message", "switches per message", "caveats").numeric(0, 2, 3, 4, 5, 6, 7, 8, 9);
            int rank = 1;
            for (Option o : answer.qualified()) {
                table.row(rank++, o.name(), Fmt.size(o.size()), o.roundTrip().map(r -> Fmt.time(percentile(r, 50.0))).orElse("–"),
                        o.roundTrip().map(r -> Fmt.time(percentile(r, 99.0))).orElse("–"), o.stream().map(MechanismChoice::rate).orElse("–"),
                        o.roundTrip().map(r -> Fmt.time(cpuNs(r))).orElse("–"), o.roundTrip().map(r -> Fmt.num(ContextSwitches.switches(r))).orElse("–"),
                        o.stream().map(r -> Fmt.time(cpuNs(r))).orElse("–"), o.stream().map(r -> Fmt.num(ContextSwitches.switches(r))).orElse("–"),
                        String.join("; ", caveats(o)));
            }
            table.done();
        }
        if (!answer.left().isEmpty()) {
            var table = doc.table("left out", "why");
            answer.left().forEach(l -> table.row(l.name(), l.why()));
            table.done();
        }
        return doc;
    }

    /** What the run says about itself that weighs on every row: one fork, a busy machine, CPUs shared. */
    private static Optional<String> runCaveats(Run run) {
        List<String> caveats = new ArrayList<>();
        if (run.results().stream().allMatch(r -> r.primary().forks().size() < 2)) {
            caveats.add("one fork per result: on a virtual machine a spinning figure may be either of two modes");
        }
        run.info().machineLoad().filter(MachineLoad::busy).ifPresent(load -> caveats.add("a busy machine: " + load.describe()));
        caveats.addAll(run.notes());
        return caveats.isEmpty() ? Optional.empty() : Optional.of("Caveats of the whole run: " + String.join("; ", caveats) + ".");
    }

    /**
     * The report's section: the standard questions of the IPC comparison guides, answered from this run.
     * {@code pick} answers any other.
     */
    static Doc section(Run run) {
        Doc doc = new Doc("Which mechanism for me").heading(2, "Which mechanism for me");
        doc.para("The usual decision guide walked with this run's numbers: the mechanisms that meet a need, ranked, with their "
                + "cost per message (CPU time and voluntary context switches of both processes, from the OS-cost profiler) and "
                + "the caveats the run found. A round trip is a message there and back; a mechanism is its module with the params "
                + "that say how it works. Ask your own question with `ipcbench pick --size=4096 --p99=20us --rate=100000/s "
                + "--spin=no RUN`.");
        for (Need need : STANDARD) {
            Answer answer = answer(run, need);
            String title = Fmt.size(need.size()) + ", " + switch (need.rank()) {
                case P50, P99 -> "latency-bound";
                case RATE -> need.size() >= 1 << 20 ? "bulk" : "throughput-bound";
            } + (need.spin() ? ", spinning allowed" : ", no spinning");
            doc.heading(3, title).add(doc(run, answer, title));
        }
        return doc;
    }

    /** The standard questions: small messages by latency with and without spinning, medium ones by throughput, bulk. */
    static final List<Need> STANDARD = List.of(
            new Need(64, OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), false, Need.Rank.P99),
            new Need(64, OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), true, Need.Rank.P99),
            new Need(64 * 1024, OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), false, Need.Rank.RATE),
            new Need(1 << 20, OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), true, Need.Rank.RATE));

    /** "1.83 M/s (capacity=64)": the stream's rate and the buffering it was measured with. */
    private static String rate(JmhResult stream) {
        List<String> buffering = BUFFERING.stream().sorted().filter(p -> stream.param(p) != null).map(p -> p + "=" + stream.param(p)).toList();
        return Fmt.rate(stream.primary().score()) + (buffering.isEmpty() ? "" : " (" + String.join(" ", buffering) + ")");
    }

    /** What the run found about an option's own rows: forks in two modes, a wide interval. */
    static List<String> caveats(Option option) {
        List<String> caveats = new ArrayList<>();
        option.roundTrip().ifPresent(r -> caveats.addAll(caveats(r, "round trip")));
        option.stream().ifPresent(r -> caveats.addAll(caveats(r, "throughput")));
        return caveats;
    }

    private static List<String> caveats(JmhResult r, String what) {
        List<String> caveats = new ArrayList<>();
        if (ForkModes.of(r).isPresent()) {
            caveats.add(what + ": forks in two modes, its figures describe neither");
        }
        double[] values = r.primary().forks().size() > 1 ? r.primary().forkMeans() : r.primary().iterations();
        double spread = spread(values);
        if (spread > NOISY) {
            caveats.add(what + ": noisy, " + (r.primary().forks().size() > 1 ? "forks" : "iterations") + " vary by "
                    + Fmt.num(spread * 100) + " % (standard deviation over mean)");
        }
        return caveats;
    }

    /** Standard deviation over mean; 0 for fewer than two values. */
    static double spread(double[] values) {
        if (values.length < 2) {
            return 0;
        }
        double mean = java.util.Arrays.stream(values).average().orElseThrow();
        double squares = java.util.Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
        return Math.sqrt(squares / (values.length - 1)) / mean;
    }

    /** User and system CPU time of both processes per operation; NaN unless both were measured in every iteration. */
    static double cpuNs(JmhResult r) {
        int iterations = r.primary().iterations().length;
        double sum = 0;
        for (String metric : List.of("os.bench.cpu.user", "os.bench.cpu.system", "os.peer.cpu.user", "os.peer.cpu.system")) {
            Metric m = r.osCosts().get(metric);
            if (m == null || m.iterations().length != iterations) {
                return Double.NaN;
            }
            sum += m.score();
        }
        return sum;
    }
}
