package io.ipcbench.link;

/**
 * What a waiting side does with its CPU, whatever the mechanism: the question the soak's shares,
 * the lessons and a reader of the results ask of a wait strategy ({@code wait}, {@code sync}).
 */
public enum Waiting {
    /** Never gives up its CPU: each hand-off costs a cache-line transfer, not a wake-up, while a CPU is burnt. */
    SPINS,
    /** Spins for a bounded time, then sleeps in the kernel until woken. */
    SPINS_THEN_SLEEPS,
    /** Sleeps in the kernel until the other side wakes it: a wake-up per hand-off that finds nothing ready. */
    SLEEPS
}
