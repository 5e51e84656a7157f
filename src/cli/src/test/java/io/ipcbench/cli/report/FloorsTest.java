package io.ipcbench.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipcbench.cli.Main;
import io.ipcbench.cli.results.Fixtures;
import io.ipcbench.cli.results.Fmt;
import io.ipcbench.cli.results.JmhResult;
import io.ipcbench.cli.results.Plant;
import io.ipcbench.cli.results.Run;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real run's floors, its blocking pipe in their units, and diffs that set changed results against the floors' moves. */
class FloorsTest {
    private static final String ROUND_TRIP = "io.ipcbench.pipe.PipeLatency.roundTrip";
    private static final String STREAM = "io.ipcbench.pipe.PipeThroughput.oneWay";

    @TempDir
    Path dir;

    private static JmhResult result(Run run, String benchmark) {
        return run.results().stream().filter(r -> r.benchmark().equals(benchmark)).findFirst().orElseThrow();
    }

    private static double cost(JmhResult r, String metric) {
        return r.secondary().get(metric).score();
    }

    @Test
    void aBlockingPipeInTheUnitsOfItsRunsFloors() {
        Run run = Run.load(Fixtures.copy(Fixtures.FLOORS, dir));
        Floors floors = Floors.of(run);
        JmhResult systemCall = result(run, Floors.SYSTEM_CALL);
        assertEquals(systemCall.primary().score(), floors.callNs());
        assertEquals(cost(systemCall, "os.bench.cpu.system"), floors.callKernelNs());
        assertEquals(result(run, Floors.USER_SPACE_CALL).primary().score(), floors.userSpaceCallNs());
        assertEquals(result(run, Floors.TWO_WAKES).primary().percentile(50.0) / 2, floors.wakeNs(), "one wake-up of two");

        JmhResult roundTrip = result(run, ROUND_TRIP);
        Floors.CostPerOp units = floors.of(roundTrip);
        assertEquals(roundTrip.primary().percentile(50.0), units.opNs());
        assertEquals(cost(roundTrip, "os.bench.csw.voluntary") + cost(roundTrip, "os.peer.csw.voluntary"), units.wakes(), 1e-12);
        double kernel = cost(roundTrip, "os.bench.cpu.system") + cost(roundTrip, "os.peer.cpu.system");
        assertEquals(kernel, units.kernelNs(), 1e-9);
        assertEquals(kernel / floors.callKernelNs(), units.callsAtMost(), 1e-9);
        assertTrue(units.bothProcesses());
        // a bound, not a count, but it must hold the protocol's own count: a blocking pipe round trip makes a write and
        // a read on each side, four system calls, each paying at least an empty call's kernel entry and exit
        assertTrue(units.callsAtMost() >= 4, "at most " + units.callsAtMost() + " calls per round trip");

        JmhResult stream = result(run, STREAM);
        assertEquals(1e9 / stream.primary().score(), floors.of(stream).opNs(), 1e-6, "one message of a stream");
        assertTrue(floors.of(stream).callsAtMost() >= 1, "the sender writes each message");
    }

    @Test
    void theReportCountsEachBlockingResultInFloorUnits() throws IOException {
        Path run = Fixtures.copy(Fixtures.FLOORS, dir);
        String md = Files.readString(ReportCommand.write(run));
        assertTrue(md.contains("### Blocking mechanisms in floor units"), md);
        Floors floors = Floors.of(Run.load(run));
        assertTrue(md.contains("an empty system call (getppid through the suite's native-call path) takes "
                + Fmt.time(floors.callNs()) + ", of which " + Fmt.time(floors.callKernelNs()) + " kernel time"), md);
        Floors.CostPerOp units = floors.of(result(Run.load(run), ROUND_TRIP));
        assertTrue(md.contains("| pipe PipeLatency.roundTrip | " + Fmt.time(units.opNs()) + " | " + Fmt.num(units.wakes()) + " | "
                + Fmt.time(units.wakes() * floors.wakeNs()) + " | " + Fmt.time(units.kernelNs()) + " | ≤ "
                + Fmt.num(units.callsAtMost()) + " | both |"), md);
    }

    /**
     * The system-call floor made 50 % dearer and the stream five times slower, planted into a copy of the run: the diff
     * says how far each floor moved and how much of the stream's change the calls it makes at most account for. (Five
     * times: the run was made on a busy machine, its forks moved 10.9 to 50.7 k messages/s, and a smaller change would
     * rightly not be called beyond the threshold.)
     */
    @Test
    void aDiffSetsAChangedResultAgainstTheFloorsMoves() {
        Path base = Fixtures.copy(Fixtures.FLOORS, dir.resolve("base"));
        Path changed = Fixtures.copy(Fixtures.FLOORS, dir.resolve("changed"));
        Plant.score(changed.resolve("cacheline.json"), Floors.SYSTEM_CALL, Map.of(), 1.5);
        Plant.score(changed.resolve("pipe.json"), STREAM, Map.of(), 0.2);
        String md = diff(base, changed);

        Floors before = Floors.of(Run.load(base));
        Floors after = Floors.of(Run.load(changed));
        Floors.CostPerOp a = before.of(result(Run.load(base), STREAM));
        Floors.CostPerOp b = after.of(result(Run.load(changed), STREAM));
        assertEquals(a.callsAtMost(), b.callsAtMost(), "the kernel time per message was left as it was");
        double byCalls = (after.callNs() - before.callNs()) * a.callsAtMost();
        double dOp = b.opNs() - a.opNs();
        assertTrue(md.contains("### Changed results against the floors"), md);
        assertTrue(md.contains("System-call floor (mean of an empty call): " + Fmt.time(before.callNs()) + " → "
                + Fmt.time(after.callNs()) + " (+50.0 %"), md);
        assertTrue(md.contains("**pipe PipeThroughput.oneWay size=64 wait=BLOCKING**: -80.0 % operations/s, time per op " + Fmt.time(a.opNs()) + " → "
                + Fmt.time(b.opNs()) + " (+" + Fmt.time(dOp) + ")"), md);
        assertTrue(md.contains("The system-call floor's move accounts for up to +" + Fmt.time(byCalls)
                + ", the wake-up floor's for +0 ns; left to the mechanism itself: +" + Fmt.time(dOp - byCalls) + "."), md);
        assertFalse(md.contains("**pipe PipeLatency.roundTrip"), "the round trip did not change: " + md);
    }

    @Test
    void aDiffAgainstARunWithoutFloorsSaysWhatIsMissing() {
        Path base = Fixtures.copy(Fixtures.FLOORS, dir.resolve("base"));
        Fixtures.listModules(base, "pipe");
        Path changed = Fixtures.copy(Fixtures.FLOORS, dir.resolve("changed"));
        Plant.score(changed.resolve("pipe.json"), STREAM, Map.of(), 0.2);
        String md = diff(base, changed);
        assertTrue(md.contains("Missing: the system-call floor in the base run, the user-space call in the base run, the "
                + "wake-up floor in the base run (a run made before the floors existed"), md);
        assertTrue(md.contains("**pipe PipeThroughput.oneWay size=64 wait=BLOCKING**: -80.0 % operations/s"), md);
        assertFalse(md.contains("accounts for up to"), "nothing to set the change against: " + md);
    }

    private String diff(Path base, Path changed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Main.run(List.of("diff", base.toString(), changed.toString()), new PrintStream(out, true), new PrintStream(new ByteArrayOutputStream(), true));
        return out.toString();
    }
}
