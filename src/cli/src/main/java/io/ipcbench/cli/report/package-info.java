/**
 * {@code report RUN}: one run's report.md and report.html ({@link ReportCommand}): a summary of the
 * machine and the run's health ({@link Summary}), a table of contents, "which mechanism for me"
 * answered from the run ({@link MechanismChoice}, also {@code pick}: {@link PickCommand} and its
 * {@link Need}), PNG plots drawn headless ({@link Png}: by size, by param beside each module's
 * tables, against the in-process floors), result tables with the OS costs and, in a flame run,
 * links to both processes' flame graphs ({@link FlameLinks}), the blocking results in units of
 * the run's {@link Floors}, the results whose forks ran in two modes ({@link ForkModes}), the
 * lessons' verdicts and the environment. It depends on results, doc, flame and lessons; diff
 * reuses its floors and param names, and run reports every run with it.
 */
package io.ipcbench.cli.report;
