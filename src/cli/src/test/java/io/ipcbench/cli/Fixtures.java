package io.ipcbench.cli;

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
final class Fixtures {
    /** quick profile, shm and pipe, no OS costs */
    static final String QUICK = "quick";
    /** flame profile: OS costs and flame graphs of both processes */
    static final String FLAME = "flame";
    /**
     * the compare profile's shape with two forks (one warm-up, one measured iteration each): pipe and shm
     * round trips and throughput at 64 B, with the OS costs of both processes in every iteration
     */
    static final String COSTS = "costs";
    /** two runs of the same build on the same machine, one after the other: the pipe module, 5 forks per result */
    static final String SAME_BUILD_FIRST = "same-build-1";
    static final String SAME_BUILD_SECOND = "same-build-2";

    private Fixtures() {
    }

    static Path copy(String name, Path into) {
        try {
            Path source = Path.of(Fixtures.class.getResource("/runs/" + name).toURI());
            Path target = into.resolve(name);
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.toList()) {
                    Path copy = target.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(file, copy);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
