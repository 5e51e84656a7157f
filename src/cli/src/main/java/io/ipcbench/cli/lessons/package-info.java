/**
 * The classic claims about IPC (a semaphore beats a pipe, spinning is fastest, false sharing
 * costs...), each a {@link Claim} judged on one run's results into a {@link Verdict}: reproduced,
 * not reproduced, inconclusive or not measured. {@link Noise} is the rule every claim calls a
 * difference by, the run's own noise, and {@link Pick} finds the results a claim compares.
 * {@link Lessons} checks them all, in the README's order, for the report and the lessons command.
 * It depends on results and doc.
 */
package io.ipcbench.cli.lessons;
