package io.ipcbench.peer;

import io.ipcbench.link.PeerFailure;

/**
 * The other end of a trial as the {@link Watchdog} sees it: a peer JVM this one forked
 * ({@link PeerProcess}), or a peer server reached over the network ({@link RemotePeer}).
 */
interface Peer {
    boolean isAlive();

    /** The watchdog gives up on it: kills a forked peer, drops a remote one's connection, so that a blocked wait returns. */
    void stalled(String why);

    /** Why the peer is gone, as an exception to throw, naming what the benchmark waited for. */
    PeerFailure failure(String waitingFor);

    /** "4242" (a pid), "10.0.0.2:7000": names the watchdog's thread. */
    String label();
}
