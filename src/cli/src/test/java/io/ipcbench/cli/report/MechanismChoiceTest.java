package io.ipcbench.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.ipcbench.cli.lessons.Waits;
import io.ipcbench.cli.results.JmhResult;
import io.ipcbench.cli.results.Metric;
import io.ipcbench.cli.results.ReferenceRuns;
import io.ipcbench.cli.results.Run;
import io.ipcbench.cli.results.RunInfo;
import io.ipcbench.link.Waiting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which mechanisms qualify for a need and in which order: small synthetic runs pin the rules, the reference runs the wiring. */
class MechanismChoiceTest {
    private static final OptionalDouble NONE = OptionalDouble.empty();

    @TempDir
    Path dir;

    @Test
    void withoutSpinningOnlyMechanismsThatSleepQualifyRankedByTheirP99WithinTheBudget() {
        Run run = run(roundTrip("shm", "size=64 sync=SPIN", 600, 2_000), roundTrip("shm", "size=64 sync=FUTEX", 25_000, 50_000),
                roundTrip("pipe", "size=64 wait=BLOCKING", 15_000, 55_000), roundTrip("tcp", "size=64 wait=BLOCKING", 28_000, 90_000),
                roundTrip("shm", "size=64 sync=SPIN_THEN_FUTEX", 700, 3_000));
        // by p99 the futex ring ranks before the pipe, by p50 after it
        var answer = MechanismChoice.answer(run, need(64, NONE, OptionalDouble.of(60_000), NONE, false, Need.Rank.P99));
        assertEquals(List.of("shm sync=FUTEX", "pipe wait=BLOCKING"), names(answer));
        assertEquals(Map.of("shm sync=SPIN", "spins: burns a CPU while it waits",
                "shm sync=SPIN_THEN_FUTEX", "spins before it sleeps: burns a CPU while messages keep coming",
                "tcp wait=BLOCKING", "round trip p99 90 µs > 60 µs"), left(answer));

        var spinning = MechanismChoice.answer(run, need(64, NONE, OptionalDouble.of(60_000), NONE, true, Need.Rank.P99));
        assertEquals(List.of("shm sync=SPIN", "shm sync=SPIN_THEN_FUTEX", "shm sync=FUTEX", "pipe wait=BLOCKING"), names(spinning));
        var byMedian = MechanismChoice.answer(run, need(64, NONE, NONE, NONE, false, Need.Rank.P50));
        assertEquals(List.of("pipe wait=BLOCKING", "shm sync=FUTEX", "tcp wait=BLOCKING"), names(byMedian));
    }

    @Test
    void aRateNeedRanksByMessagesPerSecondAtTheBestBuffering() {
        Run run = run(stream("shm", "capacity=1 size=64 sync=SPIN", 2e6), stream("shm", "capacity=64 size=64 sync=SPIN", 8e6),
                stream("pipe", "size=64 wait=BLOCKING", 5e5), stream("uds", "size=64 type=STREAM wait=BLOCKING", 1.2e6),
                roundTrip("uds", "size=64 type=STREAM wait=BLOCKING", 24_000, 53_000));
        var answer = MechanismChoice.answer(run, need(64, NONE, NONE, OptionalDouble.of(1e6), true, Need.Rank.RATE));
        assertEquals(List.of("shm sync=SPIN", "uds type=STREAM wait=BLOCKING"), names(answer));
        assertEquals("64", answer.qualified().getFirst().stream().orElseThrow().param("capacity"), "the better buffering");
        assertEquals(Map.of("pipe wait=BLOCKING", "500 k/s < 1 M/s"), left(answer));
        String md = MarkdownWriterText.of(run, answer);
        assertTrue(md.contains("| 1 | shm sync=SPIN | 64 B | – | – | 8 M/s (capacity=64) |"), md);

        var latency = MechanismChoice.answer(run, need(64, OptionalDouble.of(30_000), NONE, OptionalDouble.of(1e6), true, Need.Rank.P50));
        assertEquals(List.of("uds type=STREAM wait=BLOCKING"), names(latency), "a budget needs a round trip");
        assertEquals("no round trip measured at this size", left(latency).get("shm sync=SPIN"));
    }

    @Test
    void anUnmeasuredSizeIsAnsweredAtTheNextLargerOneAndAMechanismThatStopsBelowItIsLeftOut() {
        Run run = run(roundTrip("pipe", "size=64 wait=BLOCKING", 15_000, 40_000), roundTrip("pipe", "size=65536 wait=BLOCKING", 26_000, 60_000),
                roundTrip("mqueue", "api=POSIX depth=1 size=64 wait=BLOCKING", 24_000, 66_000),
                roundTrip("mqueue", "api=POSIX depth=1 size=8192 wait=BLOCKING", 30_000, 70_000),
                roundTrip("signal", "kind=REALTIME", 24_000, 57_000));
        var small = MechanismChoice.answer(run, need(4096, NONE, NONE, NONE, false, Need.Rank.P50));
        assertEquals(List.of("pipe wait=BLOCKING", "mqueue api=POSIX wait=BLOCKING"), names(small));
        assertEquals(List.of(65536L, 8192L), small.qualified().stream().map(MechanismChoice.Option::size).toList());
        assertTrue(MarkdownWriterText.of(run, small).contains("Where a mechanism was not measured at 4 KiB, its figures are those of the next larger size"));
        assertEquals("carries no payload (no size param): a doorbell, not a message", left(small).get("signal kind=REALTIME"));

        var large = MechanismChoice.answer(run, need(65536, NONE, NONE, NONE, false, Need.Rank.P50));
        assertEquals(List.of("pipe wait=BLOCKING"), names(large));
        assertEquals("not measured at 64 KiB or above in this run (largest: 8 KiB; the mechanism may refuse larger messages)",
                left(large).get("mqueue api=POSIX wait=BLOCKING"));
        assertFalse(MarkdownWriterText.of(run, large).contains("Where a mechanism was not measured"), "64 KiB was measured");
    }

    @Test
    void theFalseSharingLayoutsAreNotOfferedWhereThePaddedOneWasMeasured() {
        Run run = run(roundTrip("shm", "layout=FLAG_WITH_PAYLOAD size=64 sync=FUTEX", 20_000, 30_000),
                roundTrip("shm", "layout=PADDED size=64 sync=FUTEX", 25_000, 50_000));
        var answer = MechanismChoice.answer(run, need(64, NONE, OptionalDouble.of(40_000), NONE, false, Need.Rank.P99));
        assertEquals(List.of(), names(answer), "the padded layout's p99 is over the budget; the faster counter-example is no option");
        assertEquals(Map.of("shm sync=FUTEX", "round trip p99 50 µs > 40 µs"), left(answer));
    }

    @Test
    void aRowWhoseIterationsVaryMoreThanATenthIsCalledNoisy() {
        Metric steady = new Metric(1e6, Double.NaN, 0, 0, "ops/s", new TreeMap<>(), List.of(new Metric.Fork(new double[] {0.95e6, 1e6, 1.05e6}, List.of())));
        Metric noisy = new Metric(1e6, Double.NaN, 0, 0, "ops/s", new TreeMap<>(), List.of(new Metric.Fork(new double[] {0.8e6, 1e6, 1.2e6}, List.of())));
        var quiet = new MechanismChoice.Option("pipe", 64, java.util.Optional.of(Waiting.SLEEPS), java.util.Optional.empty(),
                java.util.Optional.of(result("pipe", "PipeThroughput.oneWay", "thrpt", "size=64 wait=BLOCKING", steady)));
        var loud = new MechanismChoice.Option("pipe", 64, java.util.Optional.of(Waiting.SLEEPS), java.util.Optional.empty(),
                java.util.Optional.of(result("pipe", "PipeThroughput.oneWay", "thrpt", "size=64 wait=BLOCKING", noisy)));
        assertEquals(List.of(), MechanismChoice.caveats(quiet), "a spread of 5 %");
        assertEquals(List.of("throughput: noisy, iterations vary by 20 % (standard deviation over mean)"), MechanismChoice.caveats(loud));
    }

    @Test
    void theQuickReferenceRunAnswersTheStandardQuestions() throws IOException {
        Path copy = ReferenceRuns.copy(ReferenceRuns.QUICK, dir);
        Run run = Run.load(copy);
        var calm = MechanismChoice.answer(run, MechanismChoice.STANDARD.get(0));
        assertTrue(calm.qualified().size() >= 8, "every blocking mechanism of the quick run: " + names(calm));
        for (MechanismChoice.Option option : calm.qualified()) {
            assertEquals(Waiting.SLEEPS, option.waiting().orElseThrow(), option.name());
            assertFalse(option.name().contains("SPIN") || option.name().contains("BUSY_POLL"), option.name());
        }
        assertSorted(calm.qualified().stream().mapToDouble(o -> o.roundTrip().orElseThrow().primary().percentile(99.0)).toArray());
        var spinning = MechanismChoice.answer(run, MechanismChoice.STANDARD.get(1));
        assertEquals(Waiting.SPINS, Waits.of(spinning.qualified().getFirst().roundTrip().orElseThrow()).orElseThrow(),
                "a spinning mechanism has the lowest p99 of the quick run: " + names(spinning));
        var bulk = MechanismChoice.answer(run, MechanismChoice.STANDARD.get(3));
        double[] rates = bulk.qualified().stream().mapToDouble(o -> -o.stream().orElseThrow().primary().score()).toArray();
        assertSorted(rates);
        assertTrue(bulk.left().stream().anyMatch(l -> l.name().startsWith("mqueue") && l.why().contains("largest: 8 KiB")), "mqueue stops at 8 KiB");

        String md = Files.readString(ReportCommand.write(copy));
        int section = md.indexOf("## Which mechanism for me");
        assertTrue(section > 0 && section < md.indexOf("## Mechanisms side by side"), "the section comes right after the contents");
        for (String question : List.of("### 64 B, latency-bound, no spinning", "### 64 B, latency-bound, spinning allowed",
                "### 64 KiB, throughput-bound, no spinning", "### 1 MiB, bulk, spinning allowed")) {
            assertTrue(md.contains(question), question);
        }
    }

    private static void assertSorted(double[] values) {
        for (int i = 1; i < values.length; i++) {
            assertTrue(values[i - 1] <= values[i], "ranked: " + java.util.Arrays.toString(values));
        }
    }

    private static Need need(long size, OptionalDouble p50, OptionalDouble p99, OptionalDouble rate, boolean spin, Need.Rank rank) {
        return new Need(size, p50, p99, rate, spin, rank);
    }

    private static List<String> names(MechanismChoice.Answer answer) {
        return answer.qualified().stream().map(MechanismChoice.Option::name).toList();
    }

    private static Map<String, String> left(MechanismChoice.Answer answer) {
        Map<String, String> left = new TreeMap<>();
        answer.left().forEach(l -> left.put(l.name(), l.why()));
        return left;
    }

    /** A run of these results only, on a machine whose load was not recorded. */
    private static Run run(JmhResult... results) {
        return new Run(Path.of("synthetic"), new RunInfo(Path.of("synthetic/run.json"), JsonNodeFactory.instance.objectNode()),
                List.of(results), List.of());
    }

    /** A one-fork round trip with its p50 and p99 in ns; params as "name=value ...", pinning cross-core. */
    private static JmhResult roundTrip(String module, String params, double p50, double p99) {
        TreeMap<Double, Double> percentiles = new TreeMap<>(Map.of(50.0, p50, 99.0, p99));
        Metric primary = new Metric(p50, Double.NaN, p50, p50, "ns/op", percentiles, List.of(new Metric.Fork(new double[] {p50}, List.of())));
        return result(module, module + "Latency.roundTrip", "sample", params, primary);
    }

    private static JmhResult stream(String module, String params, double perSecond) {
        Metric primary = new Metric(perSecond, Double.NaN, perSecond, perSecond, "ops/s", new TreeMap<>(),
                List.of(new Metric.Fork(new double[] {perSecond}, List.of())));
        return result(module, module + "Throughput.oneWay", "thrpt", params, primary);
    }

    private static JmhResult result(String module, String benchmark, String mode, String params, Metric primary) {
        TreeMap<String, String> map = new TreeMap<>(Map.of("pinning", "cross-core"));
        for (String param : params.split(" ")) {
            String[] pair = param.split("=");
            map.put(pair[0], pair[1]);
        }
        return new JmhResult(module, "io.ipcbench." + module + "." + benchmark, mode, map, primary, Map.of(),
                new JmhResult.Timing(1, 1, 1, 1, 1));
    }

    /** The answer as the pick command prints it. */
    private static final class MarkdownWriterText {
        static String of(Run run, MechanismChoice.Answer answer) {
            return io.ipcbench.cli.doc.MarkdownWriter.render(MechanismChoice.doc(run, answer, "t"));
        }
    }
}
