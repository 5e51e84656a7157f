package io.ipcbench.cli.lessons;

import io.ipcbench.cli.results.JmhResult;
import io.ipcbench.cli.results.Run;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lesson 1: shared memory guarded by POSIX semaphores can lose to a plain pipe, because each
 * message costs two semaphore system calls and a wake-up, as a pipe's does, on top of the copy.
 * Judged at 64 B, where the copy is negligible: on the round trip's median, or on messages per
 * second with a single-slot ring (capacity 1, the classic bounded-buffer handshake).
 */
record SemaphoreVsPipe(boolean latency) implements Claim {
    private static final String SIZE = "64";

    @Override
    public String statement() {
        return latency ? "shm + SEMAPHORE is slower than a pipe at 64 B (round trip p50)"
                : "shm + SEMAPHORE is slower than a pipe at 64 B (throughput, capacity 1)";
    }

    @Override
    public Verdict check(Run run) {
        String threshold = (latency ? "ratio = shm+SEMAPHORE's p50 / the pipe's p50; reproduced when it is > 1"
                : "ratio = shm+SEMAPHORE's messages/s / the pipe's; reproduced when it is < 1")
                + " beyond the noise, not reproduced when it is beyond it on the other side, inconclusive otherwise";
        Map<String, String> shmParams = new HashMap<>(Map.of("sync", "SEMAPHORE", "size", SIZE));
        if (!latency) {
            shmParams.put("capacity", "1");
        }
        Optional<JmhResult> shm = Pick.one(run, "shm", latency, shmParams);
        Optional<JmhResult> pipe = Pick.one(run, "pipe", latency, Map.of("size", SIZE));
        if (shm.isEmpty() || pipe.isEmpty()) {
            return Verdict.notMeasured("no " + (shm.isEmpty() ? "shm sync=SEMAPHORE" + (latency ? "" : " capacity=1") : "pipe")
                    + " " + (latency ? "round trip" : "throughput") + " at " + SIZE + " B in this run", threshold);
        }
        Noise.Ratio ratio = Noise.ratio(shm.get(), pipe.get());
        String measured = Pick.describe(shm.get()) + ": " + Pick.figure(shm.get()) + "; " + Pick.describe(pipe.get()) + ": "
                + Pick.figure(pipe.get()) + "; ratio " + ratio.text();
        return Noise.verdict(List.of(ratio), latency ? Noise.Side.ABOVE : Noise.Side.BELOW, measured, threshold);
    }
}
