/**
 * Flame graphs of both processes. {@link FlameRun} sets a flame run up (async-profiler's library
 * taken from ipcbench.jar, the JMH arguments that profile the benchmark JVM and make every peer
 * profile itself); {@link FlameTrials} finds the collapsed stacks a run left per benchmark ×
 * params, {@link Collapsed} reads them, {@link OpsEstimate} counts the operations they cover, and
 * {@link DiffFlameGraph} draws two runs' stacks as one differential flame graph in HTML. It
 * depends on results, doc and usage; run starts flame runs with it and diff sets their profiles
 * side by side.
 */
package io.ipcbench.cli.flame;
