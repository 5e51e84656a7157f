package io.ipcbench.link;

/** The peer died, stalled or reported an error: the measurement cannot go on. */
public final class PeerFailure extends RuntimeException {
    public PeerFailure(String message) {
        super(message);
    }
}
