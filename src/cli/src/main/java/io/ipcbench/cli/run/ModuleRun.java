package io.ipcbench.cli.run;

import java.util.List;

/**
 * One module's part of a run, as recorded in run.json. Before the module has run, exitStatus and
 * durationSeconds are null, so an interrupted run shows which modules never finished.
 *
 * @param jmhArgs    the arguments given to benchmarks.jar, exactly (for a soak: the main class and its arguments)
 * @param resultFile the JMH JSON, relative to the run folder
 * @param error      why the module could not be run at all, or null
 * @param cpuSharing the warnings of the module's trials that pinned to CPUs another ipcbench run
 *                   was pinning to at the time (each names that run, its pid and the CPUs)
 */
record ModuleRun(String module, String jar, String jmhVersion, List<String> jmhArgs, String resultFile,
                 String logFile, Integer exitStatus, Double durationSeconds, String error, List<String> cpuSharing) {

    static ModuleRun planned(String module, String jar, String jmhVersion, List<String> jmhArgs) {
        return new ModuleRun(module, jar, jmhVersion, jmhArgs, module + ".json", module + ".log", null, null, null, List.of());
    }

    /** The same plan with another result file (a soak's summary instead of JMH's JSON). */
    ModuleRun withResultFile(String file) {
        return new ModuleRun(module, jar, jmhVersion, jmhArgs, file, logFile, exitStatus, durationSeconds, error, cpuSharing);
    }

    ModuleRun finished(int exitStatus, double durationSeconds, List<String> cpuSharing) {
        return new ModuleRun(module, jar, jmhVersion, jmhArgs, resultFile, logFile, exitStatus, durationSeconds, null, cpuSharing);
    }

    ModuleRun broken(String error) {
        return new ModuleRun(module, jar, jmhVersion, jmhArgs, resultFile, logFile, null, null, error, cpuSharing);
    }

    boolean succeeded() {
        return exitStatus != null && exitStatus == 0;
    }
}
