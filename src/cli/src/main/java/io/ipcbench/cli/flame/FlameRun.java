package io.ipcbench.cli.flame;

import io.ipcbench.cli.usage.CliException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A run with flame graphs of both processes: JMH's own {@code -prof async} profiles the benchmark
 * JVM's measurement iterations, and the {@code ipcbench.flame.*} properties make each peer
 * profile itself (see the harness's FlameGraphs). async-profiler comes from its Maven Central
 * artifact, bundled in ipcbench.jar; its library is extracted for the run into a private (0700)
 * /tmp folder named like the suite's other objects, created exclusively, and removed when the run ends.
 */
public final class FlameRun implements AutoCloseable {
    /** async-profiler events worth a flame graph of IPC: wall shows time spent blocked, which cpu cannot see. */
    static final List<String> EVENTS = List.of("cpu", "wall", "itimer", "lock", "alloc");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String event;
    private final Path library;
    private final Path outputDir;

    private FlameRun(String event, Path library, Path outputDir) {
        this.event = event;
        this.library = library;
        this.outputDir = outputDir;
    }

    /** The event, if it is one ipcbench profiles: checked before the run folder exists. */
    public static Optional<String> requireKnownEvent(Optional<String> event) {
        if (event.isPresent() && !EVENTS.contains(event.get())) {
            throw new CliException("flame=" + event.get() + " is not an event ipcbench profiles; choose one of "
                    + String.join(", ", EVENTS) + " (cpu: where CPU time goes; wall: where threads wait too)");
        }
        return event;
    }

    public static Optional<FlameRun> prepare(Optional<String> event, Path runDir) {
        return requireKnownEvent(event).map(e -> new FlameRun(e, extractInto(Path.of("/tmp", privateName("asprof"))),
                runDir.resolve("flame")));
    }

    /** The JMH arguments that profile the benchmark JVM and make every peer profile itself. */
    public List<String> jmhArgs() {
        return List.of("-prof", "async:libPath=" + library + ";output=flamegraph,collapsed;dir=" + outputDir + ";event=" + event,
                "-jvmArgsAppend", "-Dipcbench.flame.lib=" + library + " -Dipcbench.flame.event=" + event
                        + " -Dipcbench.flame.dir=" + outputDir);
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(library);
            Files.deleteIfExists(library.getParent());
        } catch (IOException e) {
            System.err.println("ipcbench: could not remove " + library.getParent() + ": " + e.getMessage());
        }
    }

    /**
     * {@code ipcbench-<pid>-<64 random bits>-<role>}, as the harness names its objects: unpredictable
     * to another user, and removed by a later trial's start-up sweep if this runner is killed.
     */
    static String privateName(String role) {
        byte[] token = new byte[8];
        RANDOM.nextBytes(token);
        return "ipcbench-" + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(token) + "-" + role;
    }

    /** Extracts the library into a new private folder {@code dir}, which must not exist (nothing there is followed or reused). */
    static Path extractInto(Path dir) {
        String platform = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "linux-x64";
            case "aarch64" -> "linux-arm64";
            default -> throw new CliException("flame graphs need Linux on x86-64 or arm64 (async-profiler's builds); this is "
                    + System.getProperty("os.arch"));
        };
        String resource = "/" + platform + "/libasyncProfiler.so";
        try (InputStream in = FlameRun.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new CliException("ipcbench.jar lacks " + resource + ": rebuild it with mvn package");
            }
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path library = dir.resolve("libasyncProfiler.so");
            Files.copy(in, library);
            return library;
        } catch (IOException e) {
            throw new CliException("cannot extract async-profiler's library for a flame run into " + dir + ": " + e);
        }
    }
}
