package io.ipcbench.cli.results;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipcbench.cli.usage.CliException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A run folder as the results tooling sees it: run.json and the JMH results of every module it
 * lists. A module that failed or never ran has no results; that is noted, not an error. A folder
 * with no results at all, or any file that is not what it should be, is bad input.
 *
 * @param notes what a reader should know about missing modules, CPUs shared with another run and
 *              measuring CPUs shared with every other thread
 */
public record Run(Path dir, RunInfo info, List<JmhResult> results, List<String> notes) {
    /**
     * The module of in-process floors (two threads of one process, one cache line): a reference the
     * mechanisms are drawn against, never ranked among them.
     */
    public static final String FLOOR_MODULE = "cacheline";

    public static Run load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new CliException(dir + ": no such run folder (give a folder made by mvn verify -Pjmh, "
                    + "e.g. results/<kernel>/<run id>)");
        }
        RunInfo info = RunInfo.read(dir);
        if (info.json().path("profile").path("contents").has(RunInfo.SOAK_MESSAGES)) {
            throw new CliException(dir + ": a soak run (data integrity, no benchmark results): its summary is "
                    + dir.resolve("soak.md") + "; report, lessons and diff read benchmark runs");
        }
        List<JmhResult> results = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Optional<String> interrupted = info.interrupted();
        interrupted.ifPresent(at -> notes.add(interruptedNote(info, at)));
        for (JsonNode module : info.modules()) {
            String name = module.path("module").asText();
            Path file = dir.resolve(module.path("resultFile").asText(name + ".json"));
            if (interrupted.isPresent() && !finished(module)) {
                continue;
            }
            if (Files.isRegularFile(file)) {
                results.addAll(JmhJson.read(file, name));
            } else {
                notes.add("module " + name + " has no results (" + status(module) + ")");
            }
            JsonNode sharing = module.path("cpuSharing");
            if (!sharing.isEmpty()) {
                notes.add("module " + name + " shared CPUs with another ipcbench run, so its numbers may be disturbed: "
                        + sharing.get(0).asText().replaceFirst("^ipcbench: warning: ", "")
                        + (sharing.size() > 1 ? " (and " + (sharing.size() - 1) + " more such warnings in run.json)" : ""));
            }
        }
        List<String> lacking = info.pinningsWithoutHousekeeping();
        if (!lacking.isEmpty()) {
            notes.add("pinning=" + String.join(", ", lacking) + " left no housekeeping CPU: the JIT compilers, GC, JMH's threads"
                    + " and the peer's other threads ran on the measuring CPUs and preempted the measured threads, so the"
                    + " latency tails (p99.9 and beyond) hold their time slices; a machine with 3 or more CPUs keeps them apart");
        }
        if (results.isEmpty()) {
            throw new CliException(dir + ": no benchmark results in this run" + (notes.isEmpty() ? "" : ": " + String.join("; ", notes)));
        }
        return new Run(dir, info, List.copyOf(results), List.copyOf(notes));
    }

    public String id() {
        return info.runId();
    }

    public List<String> modules() {
        return results.stream().map(JmhResult::module).distinct().toList();
    }

    public List<JmhResult> ofModule(String module) {
        return results.stream().filter(r -> r.module().equals(module)).toList();
    }

    /** The first line a reader of an interrupted run must see: which modules count and which do not. */
    private static String interruptedNote(RunInfo info, String at) {
        List<String> finished = new ArrayList<>();
        List<String> not = new ArrayList<>();
        for (JsonNode module : info.modules()) {
            (finished(module) ? finished : not).add(module.path("module").asText());
        }
        return "this run was interrupted at " + at + " (SIGTERM or Ctrl-C): "
                + (finished.isEmpty() ? "no module had finished" : "only " + String.join(", ", finished) + " finished and "
                + (finished.size() == 1 ? "is" : "are") + " reported")
                + (not.isEmpty() ? "" : "; " + String.join(", ", not) + " did not finish and " + (not.size() == 1 ? "is" : "are") + " left out");
    }

    private static boolean finished(JsonNode module) {
        return module.path("exitStatus").isInt() && module.path("exitStatus").asInt() == 0;
    }

    /** The note that says the run was interrupted, if it was. */
    public Optional<String> interruptedNote() {
        return info.interrupted().isPresent() ? Optional.of(notes.getFirst()) : Optional.empty();
    }

    private static String status(JsonNode module) {
        if (module.hasNonNull("error")) {
            return "it could not run: " + module.get("error").asText();
        }
        return module.hasNonNull("exitStatus") ? "exit status " + module.get("exitStatus").asInt() : "it never finished";
    }
}
