package io.ipcbench.bench;

import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Params;
import io.ipcbench.link.Role;
import io.ipcbench.peer.FlameGraphs;
import io.ipcbench.peer.Session;
import io.ipcbench.traffic.Trial;

import java.util.Map;
import java.util.Optional;

/** How a benchmark class opens its trial: a peer process for a mechanism, or something of its own. */
public interface TrialOpener {
    /** The checks {@link #open} makes before it creates anything, alone: throws naming the parameter it would refuse. */
    void check(Params params);

    Trial open(Params params, Role role, Optional<FlameGraphs> flameGraphs);

    /** A peer process talking through {@code mechanism}. */
    static TrialOpener peer(Mechanism mechanism) {
        return peer(mechanism, Map.of());
    }

    /**
     * The same, with params the benchmark class fixes without declaring them (an eventfd
     * counter's size is its kernel object's 8 bytes): a profile's size list then does not multiply
     * the class into forks that would all be refused.
     */
    static TrialOpener peer(Mechanism mechanism, Map<String, String> implied) {
        return new TrialOpener() {
            @Override
            public void check(Params params) {
                Session.check(mechanism, params.with(implied));
            }

            @Override
            public Trial open(Params params, Role role, Optional<FlameGraphs> flameGraphs) {
                return Session.open(mechanism, params.with(implied), role, flameGraphs);
            }
        };
    }
}
