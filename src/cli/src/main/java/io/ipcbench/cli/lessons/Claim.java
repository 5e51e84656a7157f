package io.ipcbench.cli.lessons;

import io.ipcbench.cli.results.Run;

/** A classic statement about IPC, checked against the results of one run. */
interface Claim {
    /** What the claims call small messages, up to 1 KiB: copying them costs little next to a wake-up. */
    long SMALL = 1024;

    /** The claim as articles state it, with the metric it is judged on. */
    String statement();

    /** A mechanism or metric the run lacks makes the claim "not measured", never an error. */
    Verdict check(Run run);
}
