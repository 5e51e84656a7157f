/**
 * Flame graphs of both processes. {@link FlameRun} sets a flame run up (async-profiler's library
 * taken from ipcbench.jar, the JMH arguments that profile the benchmark JVM and make every peer
 * profile itself); {@link FlameTrials} finds the files a run left per benchmark × params,
 * {@link Collapsed} reads the collapsed stacks, {@link OpsEstimate} counts the operations they
 * cover, and {@link DiffFlameGraph} has async-profiler's converter draw two profiles, normalised
 * per operation, as one interactive differential flame graph. It depends on results and usage;
 * run starts flame runs with it and diff sets their profiles side by side.
 */
package io.ipcbench.cli.flame;
