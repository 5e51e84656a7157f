package io.ipcbench.cli.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Real run folders, trimmed (see src/test/resources/runs/README.md), copied into a test's own
 * folder so that a report or a diff written into them never touches the originals.
 */
public final class Fixtures {
    /** quick profile, shm and pipe, no OS costs */
    public static final String QUICK = "quick";
    /** flame profile: OS costs and flame graphs of both processes */
    public static final String FLAME = "flame";
    /**
     * the compare profile's shape with two forks (one warm-up, one measured iteration each): pipe and shm
     * round trips and throughput at 64 B, with the OS costs of both processes in every iteration
     */
    public static final String COSTS = "costs";
    /** two runs of the same build on the same machine, one after the other: the pipe module, 5 forks per result */
    public static final String SAME_BUILD_FIRST = "same-build-1";
    public static final String SAME_BUILD_SECOND = "same-build-2";

    /** a compare-like run (4 forks, 2 iterations) of the 64 B blocking pipe and the system-call and wake-up floors */
    public static final String FLOORS = "floors";

    /** pipe throughput with copy=READ_WRITE and copy=VMSPLICE at 64 B to 16 MiB, blocking, one fork: a busy machine */
    public static final String VMSPLICE = "vmsplice";

    /** uds throughput with transfer=COPY and transfer=FD_PASSING at 64 B to 16 MiB, STREAM, blocking, one fork: a very busy machine */
    public static final String FD_PASSING = "fdpass";

    private Fixtures() {
    }

    /** Lists exactly these modules in the run folder's run.json, each with its MODULE.json as its result file. */
    public static void listModules(Path run, String... modules) {
        try {
            ObjectMapper json = new ObjectMapper();
            ObjectNode record = (ObjectNode) json.readTree(run.resolve("run.json").toFile());
            ArrayNode listed = record.putArray("modules");
            for (String module : modules) {
                listed.addObject().put("module", module).put("resultFile", module + ".json").put("exitStatus", 0);
            }
            json.writeValue(run.resolve("run.json").toFile(), record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path copy(String name, Path into) {
        try {
            return copyTree(Path.of(Fixtures.class.getResource("/runs/" + name).toURI()), into.resolve(name));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies the folder {@code source} and everything under it to {@code target}, which is returned. */
    static Path copyTree(Path source, Path target) {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
