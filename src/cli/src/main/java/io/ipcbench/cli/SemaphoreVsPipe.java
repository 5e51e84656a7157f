package io.ipcbench.cli;

import java.util.HashMap;
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
        String threshold = latency ? "reproduced when shm+SEMAPHORE's p50 / the pipe's p50 > 1"
                : "reproduced when shm+SEMAPHORE's messages/s / the pipe's < 1";
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
        double ratio = shm.get().typical() / pipe.get().typical();
        String measured = Pick.describe(shm.get()) + ": " + Pick.figure(shm.get()) + "; " + Pick.describe(pipe.get()) + ": "
                + Pick.figure(pipe.get()) + "; ratio " + Fmt.ratio(ratio);
        return Verdict.of(latency ? ratio > 1 : ratio < 1, measured, threshold);
    }
}
