package io.ipcbench.uds;

import io.ipcbench.link.Liveness;
import io.ipcbench.link.PeerFailure;

/** The other end of a link whose two ends this test holds (a socket pair): always there, until a receive reads its close. */
final class OwnEnds implements Liveness {
    static final Liveness LIVENESS = new OwnEnds();

    private OwnEnds() {}

    @Override
    public void check(String waitingFor) {}

    @Override
    public RuntimeException gone(String waitingFor) {
        return new PeerFailure("the other end closed while waiting for " + waitingFor);
    }
}
