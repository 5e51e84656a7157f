package io.ipcbench.fifo;

import io.ipcbench.bench.RoundTripBenchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * Round trip through two named pipes that the peer opened by path, as an unrelated process
 * would. Once open a FIFO is the kernel's pipe object, so this should match PipeLatency: a gap
 * would come from how the ends were obtained, not from the data path, and measuring both shows
 * that naming a pipe costs nothing per message.
 * Left out on purpose: opening and unlinking, which happen once per trial, outside the measurement.
 * Pitfall avoided: open(2) of a FIFO sleeps until the other end opens; the set-up opens
 * non-blocking and retries, so a peer that died before opening fails the trial instead of hanging it.
 */
public class FifoLatency extends RoundTripBenchmark {
    /** BLOCKING sleeps in read(2) and is woken per message; BUSY_POLL spins on EAGAIN, removing the wake-up. */
    @Param({"BLOCKING", "BUSY_POLL"})
    public String wait;

    public FifoLatency() {
        super(new FifoMechanism());
    }
}
