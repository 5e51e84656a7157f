package io.ipcbench.peer;

/**
 * A trial whose processes' OS costs a profiler reads: a {@link Session} (one peer) or a
 * {@link FanInSession} (several, their costs summed). See {@link Session#onlyOpen}.
 */
public interface CostedTrial {
    /** The processes' OS costs now, or, once the trial has begun to close, as they were then. */
    CostReading costs();

    /** The costs when the peers had just begun serving, the end of opening; null unless asked for. */
    CostReading opening();
}
