/**
 * {@code run}: runs the benchmark modules with a profile and records the run ({@link RunCommand}).
 * Before the first benchmark it checks what a person can get wrong: the {@link Profile}, the
 * options ({@link RunOptions}), the module jars ({@link ModuleJars}), every param through each
 * jar's own check ({@link ParamCheckRunner}) and where the trials will measure ({@link CpuPlan}).
 * Then it runs each module's benchmarks.jar, or its soak, into a new run folder and keeps run.json
 * ({@link RunRecord}: machine, commit, machine load) up to date. It depends on every package but
 * the dispatch: report, diff and flame for what follows a run, results, doc and usage below them.
 */
package io.ipcbench.cli.run;
