package io.ipcbench.cli.results;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipcbench.cli.usage.CliException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * run.json as the results tooling reads it: leniently, field by field, so that a run recorded by an
 * older or newer runner still reports (a field it lacks shows as "unknown"), but strictly enough
 * that another tool's JSON is refused.
 */
public record RunInfo(Path file, JsonNode json) {
    /** What run.json holds where the runner could not find a value out, and what a reader shows for a field a run lacks. */
    public static final String UNKNOWN = "unknown";
    /** The profile key that makes a run a soak (see the runner's Profile): its record holds no benchmark results. */
    public static final String SOAK_MESSAGES = "soak.messages";

    static RunInfo read(Path runDir) {
        Path file = runDir.resolve("run.json");
        JsonNode json = JsonFiles.read(file);
        if (!json.isObject() || !json.has("environment") || !json.path("modules").isArray()) {
            throw new CliException(file + ": not an ipcbench run record (expected an object with environment and "
                    + "modules, as mvn verify -Pjmh writes)");
        }
        return new RunInfo(file, json);
    }

    String runId() {
        return json.path("runId").asText(file.getParent().getFileName().toString());
    }

    String text(String... path) {
        JsonNode node = json;
        for (String field : path) {
            node = node.path(field);
        }
        return node.isMissingNode() || node.isNull() ? UNKNOWN : node.isValueNode() ? node.asText() : node.toString();
    }

    /** The pinning values whose trials measured with no housekeeping CPU left (every other thread on the measuring CPUs). */
    List<String> pinningsWithoutHousekeeping() {
        List<String> lacking = new ArrayList<>();
        json.path("cpus").properties().forEach(e -> {
            if (!e.getValue().path("housekeepingLeft").asBoolean(true)) {
                lacking.add(e.getKey());
            }
        });
        return lacking;
    }

    /** Each module's result file, log, exit status, in run order. */
    Iterable<JsonNode> modules() {
        return json.path("modules");
    }

    /** When the run was stopped (SIGTERM, Ctrl-C) before its end; empty for a run that ended or a runner that did not say. */
    public Optional<String> interrupted() {
        JsonNode at = json.path("interrupted");
        return at.isTextual() ? Optional.of(at.asText()) : Optional.empty();
    }

    /** The machine's other work during the run; empty for a run that did not finish or record it. */
    public Optional<MachineLoad> machineLoad() {
        JsonNode load = json.path("machineLoad");
        if (!load.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new MachineLoad(load.path("otherCpuPercent").asDouble(Double.NaN),
                load.path("stealPercent").asDouble(Double.NaN), load.path("loadAverages").asText(UNKNOWN)));
    }

    /**
     * The environment as labelled lines, in the order a person compares two machines: what can
     * change IPC costs first (kernel, CPU, mitigations, JDK), then how the run was made.
     */
    public Map<String, String> environment() {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("kernel release", text("environment", "kernelRelease"));
        lines.put("kernel version", text("environment", "kernelVersion"));
        lines.put("CPU", text("environment", "cpuModel"));
        lines.put("logical CPUs", text("environment", "logicalCpus"));
        lines.put("CPUs allowed", text("environment", "allowedCpus"));
        lines.put("SMT active", text("environment", "smtActive"));
        lines.put("JDK", text("environment", "jdk", "version") + " (" + text("environment", "jdk", "vendor") + ", "
                + text("environment", "jdk", "vmName") + ")");
        json.path("environment").path("vulnerabilities").properties().forEach(e ->
                lines.put("mitigation " + e.getKey(), e.getValue().asText()));
        lines.put("profile", text("profile", "name"));
        lines.put("JMH options", text("profile", "contents", "jmh.args"));
        json.path("pinning").properties().forEach(e -> lines.put("pinning " + e.getKey(), e.getValue().asText()));
        json.path("cpus").properties().forEach(e -> lines.put("CPUs for pinning " + e.getKey(), e.getValue().path("summary").asText()));
        lines.put("commit", text("git", "commit") + (json.path("git").path("dirty").asBoolean(false) ? " (uncommitted changes)" : ""));
        lines.put("host", text("environment", "hostname"));
        lines.put("other work during the run", machineLoad().map(MachineLoad::describe).orElse(UNKNOWN));
        lines.put("start", text("start"));
        lines.put("end", text("end"));
        return lines;
    }
}
