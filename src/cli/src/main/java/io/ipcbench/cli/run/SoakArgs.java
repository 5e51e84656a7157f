package io.ipcbench.cli.run;

import io.ipcbench.cli.results.Run;
import io.ipcbench.cli.usage.CliException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A soak run's part of one module: the harness's SoakMain, which every benchmarks.jar holds, for
 * the mechanism the module is named after. The in-process floors (cacheline) have no peer
 * process and so no soak.
 */
final class SoakArgs {
    static final String MAIN_CLASS = "io.ipcbench.soak.SoakMain";

    private SoakArgs() {
    }

    /** The arguments after {@code java -cp benchmarks.jar}. */
    static List<String> forModule(String module, Profile.Soak soak, Path summary) {
        return List.of(MAIN_CLASS, module, Long.toString(soak.messages()), soak.sizes(), summary.toString());
    }

    /** The modules asked for, or every built one but the floors; asking for the floors is an error. */
    static List<BenchmarkJar> select(Path jmhDir, Optional<List<String>> requested) {
        if (requested.isPresent() && requested.get().contains(Run.FLOOR_MODULE)) {
            throw new CliException("module " + Run.FLOOR_MODULE + " has no soak: its floors run in one process, with no peer"
                    + " to lose messages to; leave it out of the soak's modules");
        }
        return ModuleJars.select(jmhDir, requested).stream().filter(jar -> !jar.module().equals(Run.FLOOR_MODULE)).toList();
    }
}
