/**
 * The JMH side of the suite: the benchmark base classes every mechanism module extends
 * ({@link io.ipcbench.bench.RoundTripBenchmark}, {@link io.ipcbench.bench.OneWayBenchmark}), the
 * profilers a run names with {@code -prof} ({@link io.ipcbench.bench.OsCostProfiler},
 * {@link io.ipcbench.bench.ProbeProfiler}), and {@link io.ipcbench.bench.ParamCheck}, which checks a
 * run's params in each benchmark jar before any fork. The benchmarks themselves live in the modules
 * under jmh/. It depends on {@code peer}, {@code traffic}, {@code link}, {@code os}, and on
 * {@code ring} for the rings' wake and sleep counts.
 */
package io.ipcbench.bench;
