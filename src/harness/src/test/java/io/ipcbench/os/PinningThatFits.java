package io.ipcbench.os;

/** For tests that must run on one CPU too: the pinning a trial can have where this process runs. */
public final class PinningThatFits {
    private PinningThatFits() {}

    /** Cross-core where this process may use two cores, else same-core (e.g. under {@code taskset -c 0}), said on stdout. */
    public static Pinning crossCoreOrSameCore(String test) {
        try {
            Pinning.CROSS_CORE.plan();
            return Pinning.CROSS_CORE;
        } catch (IllegalStateException oneCore) {
            System.out.println(test + ": one core only (" + oneCore.getMessage() + "); pinning same-core");
            return Pinning.SAME_CORE;
        }
    }
}
