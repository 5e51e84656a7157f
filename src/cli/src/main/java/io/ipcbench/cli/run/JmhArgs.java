package io.ipcbench.cli.run;

import io.ipcbench.cli.flame.FlameRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The arguments one module's benchmarks.jar gets: the profile's, the extra ones, then what the runner needs. */
final class JmhArgs {
    private JmhArgs() {
    }

    static List<String> forModule(String module, Profile profile, List<String> extra, Optional<String> bench,
                                  Path resultFile, Optional<FlameRun> flame) {
        List<String> args = new ArrayList<>(profile.jmhArgs());
        flame.ifPresent(f -> args.addAll(f.jmhArgs()));
        args.addAll(extra);
        // JMH exits 0 after a benchmark error unless told to fail: the run must see the failure
        args.addAll(List.of("-foe", "true", "-rf", "json", "-rff", resultFile.toString()));
        // JMH skips a -p name its benchmarks do not declare, so one profile serves every module
        profile.paramsFor(module).forEach((name, values) ->
                args.addAll(List.of("-p", name + "=" + String.join(",", RunOptions.names(values)))));
        bench.ifPresent(args::add);
        return List.copyOf(args);
    }
}
