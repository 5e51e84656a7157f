package io.ipcbench.os;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** For tests of what holds only when the two sides run on two cores (cross-core pinning). */
public final class TwoCores {
    private TwoCores() {}

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

    /** Skips the calling test, saying why on the console, where this process may not run on two cores. */
    public static void assume(String test) {
        assumeTrue(available(test, "skipped"), test + " needs two cores");
    }
}
