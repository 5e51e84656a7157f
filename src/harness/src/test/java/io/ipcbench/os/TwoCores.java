package io.ipcbench.os;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** For tests of what holds only when the two sides run on two cores (cross-core pinning). */
public final class TwoCores {
    private TwoCores() {}

    /** Skips the calling test, saying why on the console, where this process may not run on two cores. */
    public static void assume(String test) {
        String refused = null;
        try {
            Pinning.CROSS_CORE.plan();
        } catch (IllegalStateException e) {
            refused = e.getMessage();
            System.out.println(test + " skipped: it needs two cores, and " + refused);
        }
        assumeTrue(refused == null, refused);
    }
}
