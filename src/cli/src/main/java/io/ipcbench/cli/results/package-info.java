/**
 * A run folder read back: {@link Run} holds its run.json ({@link RunInfo}) and every module's JMH
 * results ({@link JmhJson}), each benchmark × params a {@link JmhResult} whose {@link Metric}s are
 * in one base unit per kind ({@link Units}), with what every fork and every sampled latency
 * measured. Beside the model, what every reader of it shares: numbers for people ({@link Fmt}) and
 * the statistics over forks ({@link Significance}). It depends only on package usage; report,
 * lessons, diff, flame and run all read runs through it.
 */
package io.ipcbench.cli.results;
