package io.ipcbench.peer;

import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Params;
import io.ipcbench.link.Role;
import io.ipcbench.traffic.OneWay;
import io.ipcbench.traffic.RoundTrip;
import io.ipcbench.traffic.Traffic;

import java.util.Optional;

/**
 * Traffic with a peer process: a {@link Session} opened for a mechanism, with the round trip or
 * the one-way stream over it; closing the traffic closes the session. The traffic knows only the
 * trial it runs over, so this is also where a caller finds the session behind it.
 */
public final class PeerTraffic {
    private PeerTraffic() {}

    public static RoundTrip roundTrip(Mechanism mechanism, Params params) {
        return roundTrip(mechanism, params, Optional.empty());
    }

    /** The peer profiles itself when {@code flameGraphs} is present. */
    public static RoundTrip roundTrip(Mechanism mechanism, Params params, Optional<FlameGraphs> flameGraphs) {
        return RoundTrip.over(Session.open(mechanism, params, Role.ECHO, flameGraphs));
    }

    public static OneWay oneWay(Mechanism mechanism, Params params) {
        return OneWay.over(Session.open(mechanism, params, Role.SINK, Optional.empty()));
    }

    /** The peer session {@code traffic} runs over. */
    public static Session session(Traffic traffic) {
        if (traffic.trial() instanceof Session session) {
            return session;
        }
        throw new IllegalStateException(traffic.params().describe() + " runs in this process: it has no peer session");
    }
}
