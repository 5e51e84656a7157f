/**
 * {@code report RUN}: one run's report.md and report.html ({@link ReportCommand}): its environment,
 * PNG plots drawn headless ({@link Png}: by size, by param, against the in-process floors), result
 * tables with the OS costs, the blocking results in units of the run's {@link Floors}, the results
 * whose forks ran in two modes ({@link ForkModes}), and the lessons' verdicts. It depends on
 * results, doc and lessons; diff reuses its floors and param names, and run reports every run
 * with it.
 */
package io.ipcbench.cli.report;
