package io.ipcbench.cli.run;

import io.ipcbench.cli.flame.FlameRun;
import io.ipcbench.cli.results.MachineLoad;
import io.ipcbench.cli.results.Run;
import io.ipcbench.cli.usage.CliException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * {@code run}: checks everything a person can get wrong (profile, module names, jars, results folder,
 * baseline) before the first benchmark starts, then runs the modules one after another into a new
 * run folder, and writes the run's report there, and its diff against the baseline if one was given.
 * A failing module does not stop the others; the exit status says whether any failed or regressed.
 */
public final class RunCommand {
    /** The environment variables through which the harness's trials learn their run and report CPUs shared with another run (see io.ipcbench.os.PinnedCpus). */
    private static final String RUN_VARIABLE = "IPCBENCH_RUN";
    private static final String CPU_SHARING_VARIABLE = "IPCBENCH_CPU_SHARING";
    private static final String CPU_SHARING_SUFFIX = ".cpu-sharing";
    /** How much of a failed module's log the console shows: JMH's error and the trial's message, not the whole trace. */
    private static final int FAILURE_LINES = 15;
    /** 128 + SIGTERM, as a shell reports a process SIGTERM ended. */
    private static final int EXIT_INTERRUPTED = 143;
    private final RunOptions options;
    private final PrintStream console;
    private final Clock clock = Clock.systemUTC();
    /** The run's record as last saved, for the shutdown hook that marks an interrupted run. */
    private RunRecord saved;
    /** When SIGTERM or Ctrl-C stopped the run, or null; every later save keeps it. */
    private String interruptedAt;

    public RunCommand(RunOptions options, PrintStream console) {
        this.options = options;
        this.console = console;
    }

    public int call() {
        Profile profile = Profile.load(options.root().resolve("profiles"), options.profile());
        // a soak runs no JMH and measures nothing: it may share the machine
        Optional<RunLock> machine = profile.soak().isPresent() ? Optional.empty()
                : Optional.of(RunLock.acquire(RunLock.folder(), "ipcbench run --profile=" + profile.name() + " in " + options.root()));
        try {
            return call(profile);
        } finally {
            machine.ifPresent(RunLock::close);
        }
    }

    private int call(Profile profile) {
        Path root = options.root();
        Path jmhDir = root.resolve("jmh");
        requireKnownModules(profile, ModuleJars.modules(jmhDir));
        Optional<String> bench = options.bench().or(profile::bench);
        Optional<Profile.Soak> soak = profile.soak();
        Optional<String> flameEvent = FlameRun.requireKnownEvent(options.flame().or(profile::flame));
        List<BenchmarkJar> jars;
        Map<String, CpuPlan> cpus = Map.of();
        Map<String, Long> forks = Map.of();
        if (soak.isPresent()) {
            requireNoJmhOptions(profile);
            jars = SoakArgs.select(jmhDir, options.modules().or(profile::modules));
        } else {
            jars = ModuleJars.select(jmhDir, options.modules().or(profile::modules));
            jars.forEach(BenchmarkJar::requireBenchmarkList);
            ParamCheckRunner.Checked checked = selectingBenchmarks(profile, jars, bench);
            jars = checked.selecting();
            cpus = checked.cpus();
            forks = checked.forks();
            announce(cpus);
        }
        // a baseline that cannot be read would only show up after the whole run
        options.baseline().ifPresent(Run::load);

        RunEnvironment environment = RunEnvironment.probe();
        Path runDir = ResultsFolder.createRunDir(options.results(), environment.kernelRelease(), profile.name(), clock);
        Path runJson = runDir.resolve("run.json");
        List<String> failures = new ArrayList<>();
        RunRecord record;
        try (FlameRunScope flame = new FlameRunScope(FlameRun.prepare(flameEvent, runDir))) {
            record = plan(profile, jars, bench, environment, runDir, flame.run(), soak, cpus);
            save(record, runJson);
            Thread markInterrupted = new Thread(() -> markInterrupted(runJson));
            Runtime.getRuntime().addShutdownHook(markInterrupted);
            MachineLoadSnapshot start = MachineLoadSnapshot.take();
            Progress progress = new Progress(forks.values().stream().mapToLong(Long::longValue).sum(), clock, console);
            for (ModuleRun planned : record.modules()) {
                progress.moduleStarting(forks.getOrDefault(planned.module(), 0L));
                ModuleRun run = runModule(planned, runDir, soak.isPresent(), progress);
                progress.moduleEnded();
                if (!run.succeeded()) {
                    failures.add(run.module() + (run.error() != null ? " (" + run.error() + ")"
                            : " (exit status " + run.exitStatus() + ", see " + runDir.resolve(run.logFile()) + ")"));
                }
                record = record.withModule(run);
                save(record, runJson);
                if (interrupted()) {
                    // the JVM halts once the shutdown hooks are done; nothing more to run or write
                    return EXIT_INTERRUPTED;
                }
            }
            removeHook(markInterrupted);
            MachineLoad load = MachineLoadSnapshot.between(start, MachineLoadSnapshot.take());
            record = record.withEnd(clock.instant().toString(), load);
            save(record, runJson);
            if (load.busy()) {
                console.println("ipcbench: the machine was busy during this run: " + load.describe()
                        + "; its numbers are the machine's as much as the code's");
            }
        }

        console.println("ipcbench: results of profile " + profile.name() + " are in " + runDir);
        int status = soak.isPresent() ? SoakSummary.write(runDir, record, console)
                : ReportAndDiff.write(runDir, options.baseline(), console);
        if (failures.isEmpty()) {
            return status;
        }
        console.println("ipcbench: " + failures.size() + " of " + jars.size() + " modules failed: "
                + String.join("; ", failures));
        return Math.max(1, status);
    }

    /** The JMH options of the command line do not apply to a soak: refused rather than silently ignored. */
    private void requireNoJmhOptions(Profile profile) {
        List<String> given = new ArrayList<>();
        options.bench().ifPresent(b -> given.add("--bench"));
        if (!options.extraJmh().isEmpty()) {
            given.add("--jmh");
        }
        options.flame().ifPresent(f -> given.add("--flame"));
        options.baseline().ifPresent(b -> given.add("--baseline"));
        if (!given.isEmpty()) {
            throw new CliException(String.join(", ", given) + " cannot be used with profile " + profile.name()
                    + ", a soak (it runs no JMH); drop " + (given.size() == 1 ? "it" : "them") + " or choose another profile");
        }
    }

    /**
     * Every module's params checked by its own jar before anything starts (see {@link ParamCheckRunner});
     * the modules in which the benchmark pattern selects nothing are left out, and said so.
     */
    private ParamCheckRunner.Checked selectingBenchmarks(Profile profile, List<BenchmarkJar> jars, Optional<String> bench) {
        Map<BenchmarkJar, List<String>> argsByModule = new LinkedHashMap<>();
        for (BenchmarkJar jar : jars) {
            argsByModule.put(jar, JmhArgs.forModule(jar.module(), profile, options.extraJmh(), bench,
                    Path.of(jar.module() + ".json"), Optional.empty()));
        }
        ParamCheckRunner.Checked checked = ParamCheckRunner.require(argsByModule, profile);
        List<BenchmarkJar> selecting = checked.selecting();
        if (selecting.size() < jars.size()) {
            console.println("ipcbench: the benchmark pattern " + bench.orElse("") + " selects nothing in "
                    + String.join(", ", jars.stream().filter(j -> !selecting.contains(j)).map(BenchmarkJar::module).toList())
                    + "; those modules do not run");
        }
        return checked;
    }

    /**
     * Where the trials will measure, before the first one starts; a warning when no CPU is left for
     * every other thread, which then preempts the measured ones (one scheduler slice in the tails).
     */
    private void announce(Map<String, CpuPlan> cpus) {
        cpus.values().forEach(plan -> console.println("ipcbench: pinning=" + plan.pinning() + ": " + plan.summary()));
        List<String> lacking = cpus.values().stream().filter(plan -> !plan.housekeepingLeft()).map(CpuPlan::pinning).toList();
        if (!lacking.isEmpty()) {
            console.println("ipcbench: warning: pinning=" + String.join(", ", lacking) + " leaves no housekeeping CPU on this"
                    + " machine: the latency tails will hold other threads' time slices; give the run 3 or more CPUs"
                    + " (2 for same-core) to keep them off the measuring CPUs");
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
                           RunEnvironment environment, Path runDir, Optional<FlameRun> flame, Optional<Profile.Soak> soak,
                           Map<String, CpuPlan> cpus) {
        Map<String, String> pinning = new LinkedHashMap<>();
        List<ModuleRun> modules = new ArrayList<>();
        for (BenchmarkJar jar : jars) {
            String module = jar.module();
            pinning.put(module, profile.paramsFor(module).getOrDefault("pinning", "benchmark default"));
            String jarPath = options.root().relativize(jar.jar()).toString();
            if (soak.isPresent()) {
                String summary = module + ".soak.md";
                List<String> args = SoakArgs.forModule(module, soak.get(), runDir.resolve(summary));
                modules.add(ModuleRun.planned(module, jarPath, jar.jmhVersion(), args).withResultFile(summary));
            } else {
                List<String> args = JmhArgs.forModule(module, profile, options.extraJmh(), bench,
                        runDir.resolve(module + ".json"), flame);
                modules.add(ModuleRun.planned(module, jarPath, jar.jmhVersion(), args));
            }
        }
        var profileInfo = new RunRecord.ProfileInfo(profile.name(), profile.file().toString(), profile.entries());
        return new RunRecord(runDir.getFileName().toString(), clock.instant().toString(), null, profileInfo, pinning, cpus,
                environment, GitState.of(options.root()), List.copyOf(modules), null, null);
    }

    private ModuleRun runModule(ModuleRun planned, Path runDir, boolean soak, Progress progress) {
        // a soak runs the harness's main class from the jar; JMH runs as the jar's main
        List<String> command = new ArrayList<>(List.of(javaLauncher()));
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of(soak ? "-cp" : "-jar", options.root().resolve(planned.jar()).toString()));
        command.addAll(planned.jmhArgs());
        console.println("ipcbench: running " + planned.module() + ": " + String.join(" ", command));
        Instant start = clock.instant();
        Path cpuSharing = runDir.resolve(planned.module() + CPU_SHARING_SUFFIX);
        Map<String, String> environment = Map.of(
                RUN_VARIABLE, "ipcbench run " + runDir.getFileName() + " (runner pid " + ProcessHandle.current().pid() + ")",
                CPU_SHARING_VARIABLE, cpuSharing.toString());
        // a soak's output is its own progress; of JMH's, the console shows the suite's messages and the run's position
        Set<String> shown = new HashSet<>();
        Consumer<String> onLine = soak ? console::println : line -> {
            // every trial of the module may repeat a warning: once is enough here, run.json keeps them all
            if (line.startsWith("ipcbench: ") && shown.add(line)) {
                console.println(line);
            }
            progress.line(planned.module(), line);
        };
        Path log = runDir.resolve(planned.logFile());
        try {
            int exit = ModuleRunner.run(command, environment, options.root(), log, onLine);
            if (exit != 0 && !soak) {
                printEnd(log);
            }
            return planned.finished(exit, Duration.between(start, clock.instant()).toMillis() / 1000.0, takeLines(cpuSharing));
        } catch (IOException e) {
            console.println("ipcbench: module " + planned.module() + " could not run: " + e);
            return planned.broken(e.toString());
        }
    }

    /** Why a module failed is at the end of its log (JMH's error, the trial's message): shown, not left to be found. */
    private void printEnd(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, Charset.forName(System.getProperty("native.encoding"), Charset.defaultCharset()));
        console.println("ipcbench: the last lines of " + log + ":");
        lines.subList(Math.max(0, lines.size() - FAILURE_LINES), lines.size()).forEach(line -> console.println("  " + line));
    }

    /** The lines of {@code file}, which is then removed: run.json keeps them. None if there is no such file. */
    private static List<String> takeLines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(file);
        Files.delete(file);
        return lines;
    }

    /**
     * The options of every JVM the runner starts from a module's jar. JMH's forks inherit them from its
     * host JVM (a profile's {@code -jvmArgsAppend} adds to them): native access for the mechanisms, and
     * the sun.misc.Unsafe memory access JMH still makes (JEP 471), allowed outright so that JDK 25 does
     * not print its deprecation warning in every fork.
     */
    static final List<String> JVM_OPTIONS = List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow");

    /** The JVM running this CLI runs the benchmarks too: the JDK recorded in run.json is the one measured. */
    static String javaLauncher() {
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

    /**
     * The JVM is stopping (SIGTERM, Ctrl-C) before the run's end: run.json says so, so that report
     * and diff read only the modules that finished. The modules' shutdown hook ends their processes.
     */
    private synchronized void markInterrupted(Path runJson) {
        if (saved != null && saved.end() == null) {
            interruptedAt = clock.instant().toString();
            save(saved, runJson);
        }
    }

    private synchronized boolean interrupted() {
        return interruptedAt != null;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: the record says the run was interrupted
        }
    }

    private synchronized void save(RunRecord record, Path runJson) {
        saved = record;
        try {
            (interruptedAt == null ? record : record.withInterrupted(interruptedAt)).write(runJson);
        } catch (IOException e) {
            throw new CliException("cannot write " + runJson + " (" + e + "); the results folder must stay writable");
        }
    }
}
