package io.ipcbench.os;

import org.junit.jupiter.api.Assumptions;

/** For the few tests that need two physical cores to mean anything: on one, they are skipped saying why. */
public final class TwoCores {
    private TwoCores() {}

    /** The cross-core plan; where this process may use one core only, the test is skipped, naming {@code why} it needs two. */
    public static Pinning.Plan planOrSkip(String why) {
        try {
            return Pinning.CROSS_CORE.plan();
        } catch (IllegalStateException oneCore) {
            return Assumptions.abort(why + "; " + oneCore.getMessage());
        }
    }
}
