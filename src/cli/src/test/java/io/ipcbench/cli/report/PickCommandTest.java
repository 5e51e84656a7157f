package io.ipcbench.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipcbench.cli.Main;
import io.ipcbench.cli.results.ReferenceRuns;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ipcbench pick}: its answer on a reference run, and bad input refused in one line with exit status 2. */
class PickCommandTest {
    private static final String RUN = "../../results/" + ReferenceRuns.QUICK;

    @Test
    void answersFromTheReferenceRun() {
        Outcome outcome = pick("--size=4096", "--p99=60us", "--rate=100k/s", "--spin=no", RUN);
        assertEquals(0, outcome.status(), outcome.err());
        for (String expected : List.of("# Which mechanism, from run 2026-12-07T06-40-59_quick",
                "Asked: 4 KiB messages, round trip p99 ≤ 60 µs, ≥ 100 k/s, no CPU burnt spinning; ranked by the round trip's p99.",
                "| 1 | mqueue api=SYSV wait=BLOCKING | 8 KiB | 26.4 µs | 53.4 µs | 146 k/s (depth=2) | 27.5 µs | 2 |",
                "| shm sync=SPIN | spins: burns a CPU while it waits |", "| pipe wait=BLOCKING | 45.5 k/s < 100 k/s |")) {
            assertTrue(outcome.out().contains(expected), expected + " in\n" + outcome.out());
        }
    }

    @Test
    void badInputIsOneLineWithExitStatusTwo() {
        for (List<String> args : List.of(List.of("--p99=20us", RUN), List.of("--size=huge", RUN), List.of("--size=64", "--p99=20", RUN),
                List.of("--size=64", "--rate=fast", RUN), List.of("--size=64", "--spin=maybe", RUN), List.of("--size=64", "--colour=red", RUN),
                List.of("--size=64"), List.of("--size=64", "results/no-such-run"))) {
            Outcome outcome = pick(args.toArray(String[]::new));
            assertEquals(2, outcome.status(), args + ": " + outcome.err());
            assertTrue(outcome.err().startsWith("ipcbench: ") && outcome.out().isEmpty(), args + ": " + outcome.err());
            assertTrue(!outcome.err().contains("Exception"), args + ": " + outcome.err());
        }
        assertEquals("ipcbench: --size=huge is not a message size from 1 byte to 1 GiB (e.g. 64, 4096, 64KiB, 1MiB)",
                pick("--size=huge", RUN).err().strip());
        assertEquals("ipcbench: --p99=20 is not a round-trip time with its unit (e.g. 500ns, 20us, 1.5ms)",
                pick("--size=64", "--p99=20", RUN).err().strip());
    }

    private record Outcome(int status, String out, String err) {
    }

    private static Outcome pick(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("pick"));
        all.addAll(List.of(args));
        int status = Main.run(all, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
