package io.ipcbench.cli.lessons;

import static io.ipcbench.cli.lessons.Verdict.Status.INCONCLUSIVE;
import static io.ipcbench.cli.lessons.Verdict.Status.NOT_MEASURED;
import static io.ipcbench.cli.lessons.Verdict.Status.NOT_REPRODUCED;
import static io.ipcbench.cli.lessons.Verdict.Status.REPRODUCED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipcbench.cli.results.Fixtures;
import io.ipcbench.cli.results.JmhResult;
import io.ipcbench.cli.results.Metric;
import io.ipcbench.cli.results.Run;
import io.ipcbench.cli.results.Units;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each layout against its PADDED twin: a cost only beyond the run's noise (five forks here), inconclusive within it. */
class FalseSharingTest {
    private static final FalseSharing INDICES = new FalseSharing("SHARED_INDICES", "the two indices", false);
    private static final FalseSharing FLAG = new FalseSharing("FLAG_WITH_PAYLOAD", "the flag with the payload", true);
    /** Five forks within 2 % of one another: any ratio far from 1 lies beyond their noise. */
    private static final double[] STEADY = {0.98, 0.99, 1.0, 1.01, 1.02};
    /** Five forks from 0.6 to 1.4 times their mean: a ratio of 0.9 lies within their noise. */
    private static final double[] SCATTERED = {0.6, 0.8, 1.0, 1.2, 1.4};

    @TempDir
    Path dir;

    @Test
    void aLayoutBelowPaddedBeyondTheNoiseReproducesTheCost() {
        assertVerdict(REPRODUCED, "→ cost", shm("PADDED", "1", 10e6, STEADY), shm("SHARED_INDICES", "1", 5e6, STEADY));
    }

    @Test
    void aDifferenceWithinTheNoiseIsInconclusive() {
        assertVerdict(INCONCLUSIVE, "within the noise", shm("PADDED", "1", 10e6, SCATTERED), shm("SHARED_INDICES", "1", 9e6, SCATTERED));
    }

    @Test
    void aLayoutAbovePaddedBeyondTheNoiseIsTheOpposite() {
        Run run = run(shm("PADDED", "1", 5e6, STEADY), shm("FLAG_WITH_PAYLOAD", "1", 10e6, STEADY));
        assertEquals(NOT_REPRODUCED, FLAG.check(run).status(), FLAG.check(run).measured());
    }

    @Test
    void eachClaimJudgesItsOwnLayoutOnly() {
        Run run = run(shm("PADDED", "1", 10e6, STEADY), shm("SHARED_INDICES", "1", 5e6, STEADY));
        assertEquals(NOT_MEASURED, FLAG.check(run).status());
    }

    /** With more slots FLAG_WITH_PAYLOAD also moves every payload off its line: not the flag alone. */
    @Test
    void theFlagIsJudgedOnSingleSlotRingsOnly() {
        Run run = run(shm("PADDED", "64", 10e6, STEADY), shm("FLAG_WITH_PAYLOAD", "64", 5e6, STEADY));
        assertEquals(NOT_MEASURED, FLAG.check(run).status());
        assertEquals(REPRODUCED, new FalseSharing("FLAG_WITH_PAYLOAD", "the flag", false).check(run).status());
    }

    /**
     * On real numbers: the quick run's packed-layout rows (SHARED_LINE, the layout before this one)
     * filed under SHARED_INDICES, so only the claim's wiring is tested here: three 1 s iterations
     * of one fork leave every pair within the noise.
     */
    @Test
    void theQuickRunsPairsAreWithinTheNoise() throws IOException {
        Path run = Fixtures.copy(Fixtures.QUICK, dir);
        Path shm = run.resolve("shm.json");
        Files.writeString(shm, Files.readString(shm).replace("\"SHARED_LINE\"", "\"SHARED_INDICES\""));
        Verdict verdict = INDICES.check(Run.load(run));
        assertEquals(INCONCLUSIVE, verdict.status(), verdict.measured());
        assertTrue(verdict.measured().contains("ShmThroughput.oneWay capacity=1 size=64 sync=SPIN: PADDED"), verdict.measured());
    }

    private static void assertVerdict(Verdict.Status expected, String outcome, JmhResult padded, JmhResult indices) {
        Verdict verdict = INDICES.check(run(padded, indices));
        assertEquals(expected, verdict.status(), verdict.measured());
        assertTrue(verdict.measured().contains(outcome), verdict.measured());
    }

    private static Run run(JmhResult... results) {
        return new Run(null, null, List.of(results), List.of());
    }

    /** A ShmThroughput result of five one-iteration forks: {@code mean} times each of {@code spread}. */
    private static JmhResult shm(String layout, String capacity, double mean, double[] spread) {
        TreeMap<String, String> params = new TreeMap<>(Map.of("layout", layout, "capacity", capacity, "size", "64",
                "sync", "SPIN", "pinning", "cross-core"));
        List<Metric.Fork> forks = Arrays.stream(spread).mapToObj(f -> new Metric.Fork(new double[] {mean * f}, List.of())).toList();
        Metric primary = new Metric(mean, Double.NaN, Double.NaN, Double.NaN, Units.OPS_PER_S, new TreeMap<>(), forks);
        return new JmhResult("shm", "io.ipcbench.shm.ShmThroughput.oneWay", "thrpt", params, primary, Map.of(),
                new JmhResult.Timing(spread.length, 1, 1, 1, 1));
    }
}
