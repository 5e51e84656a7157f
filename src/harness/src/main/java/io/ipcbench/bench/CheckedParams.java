package io.ipcbench.bench;

import java.util.Map;

/**
 * A benchmark class whose trials' parameters can be checked before any JMH fork starts: the
 * same checks its trial makes before it creates anything, without creating anything. The two
 * benchmark base classes implement it for every mechanism; {@link ParamCheck} calls it for every
 * combination of params a run would measure.
 */
public interface CheckedParams {
    /** Throws {@link IllegalArgumentException} (or {@link IllegalStateException} for a limit of this machine) naming what the trial would refuse. */
    void checkParams(Map<String, String> values);
}
