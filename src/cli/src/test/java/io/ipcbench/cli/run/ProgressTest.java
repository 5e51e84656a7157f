package io.ipcbench.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The run's position after each combination, read from JMH's output as JMH 1.37 prints it. */
class ProgressTest {
    /** A clock the test moves by hand: the figures are exact, whatever the machine's speed. */
    private static final class HandClock extends Clock {
        private Instant now = Instant.parse("2026-12-07T18:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    private final HandClock clock = new HandClock();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final Progress progress = new Progress(6, clock, new PrintStream(console, true));

    /** One combination's output: its headers, a fork header per fork (1 minute each), then JMH's Result line. */
    private void combination(String module, String benchmark, String params, int forks) {
        progress.line(module, "# Benchmark: " + benchmark);
        progress.line(module, "# Parameters: " + params);
        for (int fork = 1; fork <= forks; fork++) {
            progress.line(module, "# Run progress: 0.00% complete, ETA 00:00:10");
            progress.line(module, "# Fork: " + fork + " of " + forks);
            progress.line(module, "Iteration   1: 21.5 us/op");
            clock.advance(Duration.ofMinutes(1));
        }
        progress.line(module, "Result \"" + benchmark + "\":");
    }

    @Test
    void eachCombinationTellsTheWholeRunsPositionAndItsEnd() {
        progress.moduleStarting(4);
        combination("pipe", "io.ipcbench.pipe.PipeLatency.roundTrip", "(size = 64, wait = BLOCKING)", 2);
        combination("pipe", "io.ipcbench.pipe.PipeLatency.roundTrip", "(size = 65536, wait = BLOCKING)", 2);
        progress.moduleEnded();
        // the next module fails in its first fork: JMH prints no Result, and its other fork never starts
        progress.moduleStarting(2);
        progress.line("shm", "# Benchmark: io.ipcbench.shm.ShmLatency.roundTrip");
        progress.line("shm", "# Fork: 1 of 2");
        clock.advance(Duration.ofMinutes(1));
        progress.moduleEnded();
        assertEquals(List.of(
                "ipcbench: 2 of 6 forks (33 %), 2 min in, ends ~18:06 UTC (4 min left): pipe PipeLatency.roundTrip (size = 64, wait = BLOCKING) done",
                "ipcbench: 4 of 6 forks (66 %), 4 min in, ends ~18:06 UTC (2 min left): pipe PipeLatency.roundTrip (size = 65536, wait = BLOCKING) done"),
                console.toString().lines().toList());
        assertEquals("6 of 6 forks (100 %), 5 min in", progress.position());
    }

    @Test
    void warmUpForksAndARunWithoutForksCount() {
        progress.moduleStarting(3);
        progress.line("cacheline", "# Benchmark: io.ipcbench.cacheline.SystemCall.getpid");
        progress.line("cacheline", "# Warmup Fork: 1 of 1");
        progress.line("cacheline", "# Fork: 1 of 1");
        clock.advance(Duration.ofSeconds(30));
        progress.line("cacheline", "Result \"io.ipcbench.cacheline.SystemCall.getpid\":");
        progress.line("cacheline", "# Benchmark: io.ipcbench.cacheline.TimerFloor.nanoTime");
        progress.line("cacheline", "# Fork: N/A, test runs in the host VM");
        clock.advance(Duration.ofSeconds(15));
        progress.line("cacheline", "Result \"io.ipcbench.cacheline.TimerFloor.nanoTime\":");
        assertEquals(List.of(
                "ipcbench: 2 of 6 forks (33 %), 30 s in, ends ~18:01 UTC (1 min left): cacheline SystemCall.getpid done",
                "ipcbench: 3 of 6 forks (50 %), 45 s in, ends ~18:01 UTC (45 s left): cacheline TimerFloor.nanoTime done"),
                console.toString().lines().toList());
    }
}
