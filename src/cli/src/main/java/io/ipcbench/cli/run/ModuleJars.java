package io.ipcbench.cli.run;

import io.ipcbench.cli.usage.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the benchmark modules under {@code jmh/} and picks the ones a run asked for. */
final class ModuleJars {
    private ModuleJars() {
    }

    /**
     * @param requested module names in run order, or empty for every module with a built jar
     */
    static List<BenchmarkJar> select(Path jmhDir, Optional<List<String>> requested) {
        List<BenchmarkJar> built = modules(jmhDir).stream().map(m -> new BenchmarkJar(m, jar(jmhDir, m)))
                .filter(b -> Files.isRegularFile(b.jar())).toList();
        List<String> unbuilt = modules(jmhDir).stream().filter(m -> !Files.isRegularFile(jar(jmhDir, m))).toList();
        String status = "modules with a built jmh/<module>/target/benchmarks.jar: "
                + (built.isEmpty() ? "none" : String.join(", ", built.stream().map(BenchmarkJar::module).toList()))
                + (unbuilt.isEmpty() ? "" : "; not built: " + String.join(", ", unbuilt))
                + ". Build them with mvn verify -Pjmh or mvn package";
        if (requested.isEmpty()) {
            if (built.isEmpty()) {
                throw new CliException("nothing to run: " + status);
            }
            return built;
        }
        return requested.get().stream().map(name -> built.stream().filter(b -> b.module().equals(name)).findFirst()
                .orElseThrow(() -> new CliException("module '" + name + "' was asked for (ipcbench.modules or the "
                        + "profile's modules) but cannot run; " + status))).toList();
    }

    /** Every folder under jmh/ with a pom.xml, built or not, sorted by name. */
    static List<String> modules(Path jmhDir) {
        if (!Files.isDirectory(jmhDir)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(jmhDir)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new CliException("cannot list the benchmark modules in " + jmhDir + ": " + e);
        }
    }

    private static Path jar(Path jmhDir, String module) {
        return jmhDir.resolve(module).resolve("target").resolve("benchmarks.jar");
    }
}
