package io.ipcbench.cli.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ipcbench.cli.results.MachineLoad;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * run.json: what a run was (profile, flags, machine, JDK, commit) and how it went. Written before the
 * first module starts and after each one, so even an interrupted run says what it was.
 *
 * @param start   ISO-8601 UTC
 * @param end     ISO-8601 UTC, null until the last module has finished
 * @param pinning     the {@code pinning} param per module, or "benchmark default" when the profile sets none
 * @param cpus        where the trials of each pinning value measure, and whether a housekeeping CPU is left
 * @param machineLoad other work on the machine during the run, null until the last module has finished
 * @param interrupted ISO-8601 UTC when the run was stopped (SIGTERM, Ctrl-C) before its end, else null; the
 *                    modules with exit status 0 had finished, the others' results are partial or missing
 */
record RunRecord(String runId, String start, String end, ProfileInfo profile, Map<String, String> pinning,
                 Map<String, CpuPlan> cpus, RunEnvironment environment, GitState git, List<ModuleRun> modules, MachineLoad machineLoad,
                 String interrupted) {

    /** @param contents every key of the profile file as written */
    record ProfileInfo(String name, String file, Map<String, String> contents) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    RunRecord withModule(ModuleRun run) {
        List<ModuleRun> updated = new ArrayList<>(modules);
        updated.replaceAll(m -> m.module().equals(run.module()) ? run : m);
        return new RunRecord(runId, start, end, profile, pinning, cpus, environment, git, List.copyOf(updated), machineLoad,
                interrupted);
    }

    RunRecord withEnd(String end, MachineLoad machineLoad) {
        return new RunRecord(runId, start, end, profile, pinning, cpus, environment, git, modules, machineLoad, interrupted);
    }

    RunRecord withInterrupted(String at) {
        return new RunRecord(runId, start, end, profile, pinning, cpus, environment, git, modules, machineLoad, at);
    }

    /** Replaces the file atomically, so a reader or a crash never sees half a record. */
    void write(Path file) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        JSON.writeValue(partial.toFile(), this);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
