package io.ipcbench.cli.results;

import java.nio.file.Path;

/**
 * The reference runs committed under results/ (see docs/results.md), copied whole into a test's own
 * folder, so that a report written into the copy never touches the committed one. Tests run in
 * src/cli, two levels below the repository's root.
 */
public final class ReferenceRuns {
    /** quick profile, every module, kernel 6.18.44-fc-v1272, one fork per result, OS costs of both processes */
    public static final String QUICK = "6.18.44-fc-v1272/2026-12-07T06-40-59_quick";
    /** compare profile, every module, 5 forks per result */
    public static final String COMPARE = "6.18.44-fc-v1272/2026-12-07T06-17-01_compare";
    /** flame profile: shm, pipe, cacheline, with the flame graphs of both processes (one of them an empty file) */
    public static final String FLAME = "6.18.44-fc-v1272/2026-12-07T07-03-47_flame";
    /** the same flame profile on the earlier kernel build, 6.18.44-fc-v595 */
    public static final String FLAME_EARLIER_KERNEL = "6.18.44-fc-v595/2026-11-22T09-45-36_flame";

    private static final Path ROOT = Path.of("../../results");

    private ReferenceRuns() {
    }

    public static Path copy(String run, Path into) {
        Path source = ROOT.resolve(run);
        return Fixtures.copyTree(source, into.resolve(source.getFileName().toString()));
    }
}
