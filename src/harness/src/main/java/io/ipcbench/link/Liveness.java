package io.ipcbench.link;

/**
 * What a waiting end knows about the process at the other end. Every wait in a transport is
 * bounded by it: spin loops call {@link #check} every few thousand turns and timed waits after
 * each timeout, and an end that sees the other side's end of file or a broken pipe asks
 * {@link #gone} for the exception to throw.
 */
public interface Liveness {
    /** Throws (benchmark side) or exits (peer side) when the other process is dead or stalled. */
    void check(String waitingFor);

    /** The other side closed its end: the exception that explains why, to be thrown by the caller. */
    RuntimeException gone(String waitingFor);
}
