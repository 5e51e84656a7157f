package io.ipcbench.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code run}: checks everything a person can get wrong (profile, module names, jars, results folder,
 * baseline) before the first benchmark starts, then runs the modules one after another into a new
 * run folder, and writes the run's report there, and its diff against the baseline if one was given.
 * A failing module does not stop the others; the exit status says whether any failed or regressed.
 */
final class RunCommand {
    private final RunOptions options;
    private final PrintStream console;
    private final Clock clock = Clock.systemUTC();

    RunCommand(RunOptions options, PrintStream console) {
        this.options = options;
        this.console = console;
    }

    int call() {
        Path root = options.root();
        Profile profile = Profile.load(root.resolve("profiles"), options.profile());
        Path jmhDir = root.resolve("jmh");
        requireKnownModules(profile, ModuleJars.modules(jmhDir));
        Optional<String> bench = options.bench().or(profile::bench);
        List<BenchmarkJar> jars = ModuleJars.select(jmhDir, options.modules().or(profile::modules));
        jars.forEach(BenchmarkJar::requireBenchmarkList);
        // a baseline that cannot be read would only show up after the whole run
        options.baseline().ifPresent(Run::load);

        RunEnvironment environment = RunEnvironment.probe();
        Path runDir = ResultsFolder.createRunDir(options.results(), environment.kernelRelease(), profile.name(), clock);
        Path runJson = runDir.resolve("run.json");
        List<String> failures = new ArrayList<>();
        try (FlameRunScope flame = new FlameRunScope(FlameRun.prepare(options.flame().or(profile::flame), runDir))) {
            RunRecord record = plan(profile, jars, bench, environment, runDir, flame.run());
            save(record, runJson);
            MachineLoad.Snapshot start = MachineLoad.Snapshot.take();
            for (ModuleRun planned : record.modules()) {
                ModuleRun run = runModule(planned, runDir);
                if (!run.succeeded()) {
                    failures.add(run.module() + (run.error() != null ? " (" + run.error() + ")"
                            : " (exit status " + run.exitStatus() + ", see " + runDir.resolve(run.logFile()) + ")"));
                }
                record = record.withModule(run);
                save(record, runJson);
            }
            MachineLoad load = MachineLoad.between(start, MachineLoad.Snapshot.take());
            save(record.withEnd(clock.instant().toString(), load), runJson);
            if (load.busy()) {
                console.println("ipcbench: the machine was busy during this run: " + load.describe()
                        + "; its numbers are the machine's as much as the code's");
            }
        }

        console.println("ipcbench: results of profile " + profile.name() + " are in " + runDir);
        int status = reportAndDiff(runDir);
        if (failures.isEmpty()) {
            return status;
        }
        console.println("ipcbench: " + failures.size() + " of " + jars.size() + " modules failed: "
                + String.join("; ", failures));
        return Math.max(1, status);
    }

    /**
     * Every run gets its report; a run with a baseline gets the diff against it (diff.md, diff.html)
     * and exit status 1 when a result regressed beyond the threshold, so that CI can gate on it.
     */
    private int reportAndDiff(Path runDir) {
        try {
            Path report = ReportCommand.write(runDir);
            console.println("ipcbench: report in " + report + " and " + report.resolveSibling("report.html"));
        } catch (CliException e) {
            console.println("ipcbench: no report: " + e.getMessage());
        }
        if (options.baseline().isEmpty()) {
            return 0;
        }
        Path baseline = options.baseline().get();
        try {
            DiffCommand.Outcome diff = DiffCommand.compare(baseline, runDir, DiffCommand.DEFAULT_THRESHOLD);
            DiffCommand.write(runDir.resolve("diff.md"), MarkdownWriter.render(diff.doc()));
            DiffCommand.write(runDir.resolve("diff.html"), HtmlWriter.render(diff.doc()));
            int regressions = diff.diff().with(RowDiff.Outcome.REGRESSION, DiffCommand.DEFAULT_THRESHOLD).size();
            console.println("ipcbench: diff against " + baseline + " in " + runDir.resolve("diff.md") + ": "
                    + (regressions == 0 ? "no regression" : regressions + " regression" + (regressions == 1 ? "" : "s"))
                    + " beyond " + Fmt.num(DiffCommand.DEFAULT_THRESHOLD * 100) + " %");
            return diff.exitStatus();
        } catch (CliException e) {
            console.println("ipcbench: no diff against the baseline: " + e.getMessage());
            return 2;
        }
    }

    /** Closes the flame run, if any, whichever way the modules end. */
    private record FlameRunScope(Optional<FlameRun> run) implements AutoCloseable {
        @Override
        public void close() {
            run.ifPresent(FlameRun::close);
        }
    }

    private RunRecord plan(Profile profile, List<BenchmarkJar> jars, Optional<String> bench,
                           RunEnvironment environment, Path runDir, Optional<FlameRun> flame) {
        Map<String, String> pinning = new LinkedHashMap<>();
        List<ModuleRun> modules = new ArrayList<>();
        for (BenchmarkJar jar : jars) {
            String module = jar.module();
            pinning.put(module, profile.paramsFor(module).getOrDefault("pinning", "benchmark default"));
            List<String> args = JmhArgs.forModule(module, profile, options.extraJmh(), bench,
                    runDir.resolve(module + ".json"), flame);
            modules.add(ModuleRun.planned(module, options.root().relativize(jar.jar()).toString(), jar.jmhVersion(), args));
        }
        var profileInfo = new RunRecord.ProfileInfo(profile.name(), profile.file().toString(), profile.entries());
        return new RunRecord(runDir.getFileName().toString(), clock.instant().toString(), null, profileInfo, pinning,
                environment, GitState.of(options.root()), List.copyOf(modules), null);
    }

    private ModuleRun runModule(ModuleRun planned, Path runDir) {
        List<String> command = new ArrayList<>(List.of(javaLauncher(), "--enable-native-access=ALL-UNNAMED",
                "-jar", options.root().resolve(planned.jar()).toString()));
        command.addAll(planned.jmhArgs());
        console.println("ipcbench: running " + planned.module() + ": " + String.join(" ", command));
        Instant start = clock.instant();
        try {
            int exit = ModuleRunner.run(command, options.root(), runDir.resolve(planned.logFile()), console);
            return planned.finished(exit, Duration.between(start, clock.instant()).toMillis() / 1000.0);
        } catch (IOException e) {
            console.println("ipcbench: module " + planned.module() + " could not run: " + e);
            return planned.broken(e.toString());
        }
    }

    /** The JVM running this CLI runs the benchmarks too: the JDK recorded in run.json is the one measured. */
    private static String javaLauncher() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A param for a module that does not exist is a typo that would silently leave the module at its defaults. */
    private static void requireKnownModules(Profile profile, List<String> modules) {
        Set<String> unknown = new TreeSet<>(profile.modulesWithParams());
        unknown.removeAll(modules);
        if (!unknown.isEmpty()) {
            throw new CliException(profile.file() + " sets params for " + unknown + ", which are not modules under jmh/"
                    + " (modules: " + String.join(", ", modules) + "); fix the param.<module>.<name> keys");
        }
    }

    private static void save(RunRecord record, Path runJson) {
        try {
            record.write(runJson);
        } catch (IOException e) {
            throw new CliException("cannot write " + runJson + " (" + e + "); the results folder must stay writable");
        }
    }
}
