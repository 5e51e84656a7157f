package io.ipcbench.cli.lessons;

import io.ipcbench.cli.results.JmhResult;
import io.ipcbench.cli.results.Run;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lesson 1, the classic latency table's middle row: shared memory guarded by a process-shared
 * mutex costs about 4× what spinning on atomics does (200 ns against 50 ns for a 128-byte round
 * trip) and still beats a pipe (500 ns). "About 4×" is taken as 2× to 8×, a factor of two either
 * way. Judged at 64 B on the round trip's median. The table's figure holds for a mutex that is
 * never slept on; a round trip whose other side must be woken pays a futex wake-up instead.
 */
record MutexBetween() implements Claim {
    private static final String SIZE = "64";
    private static final double CLAIMED_LOW = 2;
    private static final double CLAIMED_HIGH = 8;

    @Override
    public String statement() {
        return "shm + MUTEX is about 4× slower than shm + SPIN, and faster than a pipe, at 64 B (round trip p50)";
    }

    @Override
    public Verdict check(Run run) {
        String threshold = "ratios = shm+MUTEX's p50 / shm+SPIN's, and shm+MUTEX's p50 / the pipe's; reproduced when the first lies"
                + " between 2× and 8× and the second < 1, each beyond the noise; not reproduced when one of them lies beyond the"
                + " noise on the other side; inconclusive otherwise";
        Optional<JmhResult> mutex = Pick.one(run, "shm", true, Map.of("sync", "MUTEX", "size", SIZE));
        Optional<JmhResult> spin = Pick.one(run, "shm", true, Map.of("sync", "SPIN", "size", SIZE));
        Optional<JmhResult> pipe = Pick.one(run, "pipe", true, Map.of("size", SIZE));
        if (mutex.isEmpty() || spin.isEmpty() || pipe.isEmpty()) {
            String missing = mutex.isEmpty() ? "shm sync=MUTEX" : spin.isEmpty() ? "shm sync=SPIN" : "pipe";
            return Verdict.notMeasured("no " + missing + " round trip at " + SIZE + " B in this run", threshold);
        }
        Noise.Ratio overSpin = Noise.ratio(mutex.get(), spin.get());
        Noise.Ratio overPipe = Noise.ratio(mutex.get(), pipe.get());
        String measured = Pick.describe(mutex.get()) + ": " + Pick.figure(mutex.get()) + "; " + Pick.describe(spin.get()) + ": "
                + Pick.figure(spin.get()) + "; " + Pick.describe(pipe.get()) + ": " + Pick.figure(pipe.get())
                + "; over SPIN " + overSpin.text() + "; over the pipe " + overPipe.text();
        // each part as a ratio that the claim puts above 1
        List<Noise.Ratio> claimedAbove = List.of(scaled(overSpin, 1 / CLAIMED_LOW), scaled(inverse(overSpin), CLAIMED_HIGH), inverse(overPipe));
        return Noise.verdict(claimedAbove, Noise.Side.ABOVE, measured, threshold);
    }

    private static Noise.Ratio scaled(Noise.Ratio ratio, double factor) {
        return new Noise.Ratio(ratio.value() * factor, new double[] {ratio.interval()[0] * factor, ratio.interval()[1] * factor}, ratio.basis());
    }

    private static Noise.Ratio inverse(Noise.Ratio ratio) {
        return new Noise.Ratio(1 / ratio.value(), new double[] {1 / ratio.interval()[1], 1 / ratio.interval()[0]}, ratio.basis());
    }
}
