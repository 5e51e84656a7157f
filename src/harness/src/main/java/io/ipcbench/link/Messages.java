package io.ipcbench.link;

/**
 * What a trial's messages are, as the traffic needs to know: {@code payload} bytes each (0 for a
 * mechanism whose messages carry none: a signal is its own message), and at most
 * {@code maxPending} sent and not yet received in one direction where the kernel holds fewer
 * than the traffic would otherwise send ahead: one standard signal (a second merges with it),
 * or as many realtime signals as the queue limit allows.
 */
public record Messages(int payload, int maxPending) {
    /** A full link simply blocks the sender: nothing to bound. */
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    /** Messages of {@code payload} bytes through a link that blocks the sender when full. */
    public static Messages of(int payload) {
        return new Messages(payload, UNBOUNDED);
    }
}
