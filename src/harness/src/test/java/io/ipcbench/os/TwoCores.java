package io.ipcbench.os;

import org.junit.jupiter.api.Assumptions;

/**
 * For the few tests that need two physical cores to mean anything: on one, they are skipped
 * saying why (the skip's reason is printed on the console with every other skip), or take
 * another path and say so.
 */
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

    /** Whether this process may run on two cores; if not, says so on the console, naming {@code test} and what it does instead. */
    public static boolean available(String test, String instead) {
        try {
            Pinning.CROSS_CORE.plan();
            return true;
        } catch (IllegalStateException oneCore) {
            System.out.println(test + ": " + instead + ", as " + oneCore.getMessage());
            return false;
        }
    }
}
