package io.ipcbench.cli.run;

import io.ipcbench.cli.usage.CliException;
import io.ipcbench.cli.usage.Usage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code run} was asked for. Maven forwards every option even when its property is unset,
 * so an empty value means "not given" and the profile's value or the default applies.
 *
 * @param modules  module names to run, overriding the profile's {@code modules}
 * @param bench    JMH include regex, overriding the profile's {@code bench}
 * @param extraJmh JMH flags appended after the profile's {@code jmh.args}
 * @param results  the folder of all runs; a relative one is taken from the repository root
 * @param flame    the async-profiler event of a flame run, overriding the profile's {@code flame}
 * @param baseline a run folder to diff the new run against; a relative one is taken from the repository root
 */
public record RunOptions(Path root, String profile, Optional<List<String>> modules, Optional<String> bench,
                  List<String> extraJmh, Path results, Optional<String> flame, Optional<Path> baseline) {

    private static final List<String> KEYS = List.of("root", "profile", "modules", "bench", "jmh", "results", "flame", "baseline");

    public static RunOptions parse(List<String> args) {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String key = arg.startsWith("--") && eq > 2 ? arg.substring(2, eq) : "";
            if (!KEYS.contains(key)) {
                throw new CliException("unknown option '" + arg + "' for run; options are --" + String.join("=, --", KEYS)
                        + "=; " + Usage.seeHelp("run"));
            }
            String value = arg.substring(eq + 1).strip();
            if (!value.isEmpty()) {
                given.put(key, value);
            }
        }
        Path root = Path.of(given.getOrDefault("root", "")).toAbsolutePath().normalize();
        return new RunOptions(root,
                given.getOrDefault("profile", "quick"),
                Optional.ofNullable(given.get("modules")).map(RunOptions::names),
                Optional.ofNullable(given.get("bench")),
                Words.split("--jmh", given.getOrDefault("jmh", "")),
                root.resolve(given.getOrDefault("results", "results")).normalize(),
                Optional.ofNullable(given.get("flame")),
                Optional.ofNullable(given.get("baseline")).map(b -> root.resolve(b).normalize()));
    }

    /** Splits "shm, pipe" into names, the way both --modules and the profile's modules key are written. */
    static List<String> names(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
