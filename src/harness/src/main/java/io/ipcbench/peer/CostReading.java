package io.ipcbench.peer;

import io.ipcbench.os.ProcessCost;

import java.util.Optional;

/**
 * One reading of the OS costs of a trial's two processes, taken together: the benchmark JVM's and
 * the peer's; the peer's is absent in remote mode, when there is no peer, or when it did not answer.
 */
public record CostReading(ProcessCost bench, Optional<ProcessCost> peer) {
    /** This JVM alone: for an iteration without a session (the in-process floors). */
    public static CostReading benchOnly() {
        return new CostReading(ProcessCost.ofThisProcess(), Optional.empty());
    }

    static CostReading of(PeerProcess peer) {
        return new CostReading(ProcessCost.ofThisProcess(), peer == null ? Optional.empty() : peer.costs());
    }
}
