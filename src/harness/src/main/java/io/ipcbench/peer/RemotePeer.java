package io.ipcbench.peer;

import io.ipcbench.link.Mechanism;
import io.ipcbench.link.PeerFailure;

/**
 * A peer server that was running before the trial, perhaps on another host (remote mode). Its
 * liveness is the connection: end of stream or a reset means it is gone, and a stall drops the
 * connection, since there is no process here to kill.
 */
final class RemotePeer implements Peer {
    private final String description;
    private final Mechanism.Remote remote;
    private volatile String verdict;

    RemotePeer(String description, Mechanism.Remote remote) {
        this.description = description;
        this.remote = remote;
    }

    @Override
    public boolean isAlive() {
        return verdict == null;
    }

    @Override
    public void stalled(String why) {
        verdict = why;
        remote.abort();
    }

    @Override
    public PeerFailure failure(String waitingFor) {
        String why = verdict;
        return new PeerFailure(description + ": the connection to the peer server at " + remote.address()
                + " was closed or reset while the benchmark waited for " + waitingFor
                + (why == null ? "; the server's own output says why" : "; the watchdog dropped it because the server " + why));
    }

    @Override
    public String label() {
        return remote.address();
    }
}
