package io.ipcbench.cli;

/** A classic statement about IPC, checked against the results of one run. */
interface Claim {
    /** The claim as articles state it, with the metric it is judged on. */
    String statement();

    /** A mechanism or metric the run lacks makes the claim "not measured", never an error. */
    Verdict check(Run run);
}
