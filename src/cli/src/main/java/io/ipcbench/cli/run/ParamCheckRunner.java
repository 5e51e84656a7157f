package io.ipcbench.cli.run;

import io.ipcbench.cli.usage.CliException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Checks the params of a run against the benchmarks before the first fork starts, by running the
 * check each module's jar carries ({@value #MAIN_CLASS}, in the harness): it parses the arguments its
 * benchmarks.jar will get as JMH does, and asks every benchmark the arguments select about every
 * combination of params, through the mechanism's own validation. Nothing here knows a mechanism:
 * a new module is checked by its own jar. Across modules this adds what no single jar can judge:
 * a -p name that no benchmark of any module it is given to declares (a typo JMH would skip
 * silently, leaving the benchmarks at their defaults).
 */
final class ParamCheckRunner {
    static final String MAIN_CLASS = "io.ipcbench.bench.ParamCheck";
    private static final long TIMEOUT_SECONDS = 120;

    /** What one module's check found: how many benchmarks the arguments select, the params they declare, the forks, where they measure. */
    record Outcome(int benchmarks, Set<String> declared, long forks, List<CpuPlan> cpus) {}

    /**
     * What the run may go on with.
     *
     * @param selecting the modules whose benchmarks the arguments select (a --bench pattern may leave some out)
     * @param cpus      where the selected trials measure, by pinning value
     * @param forks     how many JVM forks JMH will start, by module
     */
    record Checked(List<BenchmarkJar> selecting, Map<String, CpuPlan> cpus, Map<String, Long> forks) {}

    private ParamCheckRunner() {
    }

    /** @param argsByModule each module's jar and the JMH arguments it will run with */
    static Checked require(Map<BenchmarkJar, List<String>> argsByModule, Profile profile) {
        Map<BenchmarkJar, Outcome> outcomes = new LinkedHashMap<>();
        argsByModule.forEach((jar, args) -> outcomes.put(jar, run(jar, args, profile)));
        List<BenchmarkJar> selecting = outcomes.entrySet().stream().filter(e -> e.getValue().benchmarks() > 0)
                .map(Map.Entry::getKey).toList();
        if (selecting.isEmpty()) {
            throw new CliException("the benchmark pattern selects no benchmark in "
                    + String.join(", ", argsByModule.keySet().stream().map(BenchmarkJar::module).toList())
                    + "; benchmarks are named like io.ipcbench.shm.ShmLatency.roundTrip");
        }
        requireDeclared(argsByModule, outcomes, profile);
        Map<String, CpuPlan> cpus = new TreeMap<>();
        selecting.forEach(jar -> outcomes.get(jar).cpus().forEach(plan -> cpus.put(plan.pinning(), plan)));
        Map<String, Long> forks = new LinkedHashMap<>();
        selecting.forEach(jar -> forks.put(jar.module(), outcomes.get(jar).forks()));
        return new Checked(selecting, cpus, forks);
    }

    /** A -p name is a typo when no benchmark declares it in any module it is given to. */
    private static void requireDeclared(Map<BenchmarkJar, List<String>> argsByModule, Map<BenchmarkJar, Outcome> outcomes,
                                        Profile profile) {
        Set<String> given = new LinkedHashSet<>();
        argsByModule.values().forEach(args -> given.addAll(paramNames(args)));
        for (String name : given) {
            List<BenchmarkJar> givenTo = argsByModule.keySet().stream()
                    .filter(jar -> paramNames(argsByModule.get(jar)).contains(name)).toList();
            if (givenTo.stream().noneMatch(jar -> outcomes.get(jar).declared().contains(name))) {
                Set<String> declared = new TreeSet<>();
                givenTo.forEach(jar -> declared.addAll(outcomes.get(jar).declared()));
                throw new CliException(source(profile, name) + " names a param that no benchmark of "
                        + String.join(", ", givenTo.stream().map(BenchmarkJar::module).toList()) + " has; their params: "
                        + String.join(", ", declared) + "; fix the name or remove it");
            }
        }
    }

    private static String source(Profile profile, String name) {
        return profile.entries().keySet().stream().filter(key -> key.matches("param\\.(\\w+\\.)?" + Pattern.quote(name)))
                .findFirst().map(key -> profile.file() + ": " + key).orElse("-p " + name + " (in the JMH options)");
    }

    private static Set<String> paramNames(List<String> args) {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals("-p")) {
                String param = args.get(i + 1);
                names.add(param.substring(0, Math.max(0, param.indexOf('='))));
            }
        }
        return names;
    }

    private static Outcome run(BenchmarkJar jar, List<String> args, Profile profile) {
        List<String> command = new ArrayList<>(List.of(RunCommand.javaLauncher()));
        command.addAll(RunCommand.JVM_OPTIONS);
        command.addAll(List.of("-cp", jar.jar().toString(), MAIN_CLASS));
        command.addAll(args);
        Process check;
        try {
            check = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new CliException("cannot check the params of module " + jar.module() + " (" + e.getMessage() + ")");
        }
        try (InputStream out = check.getInputStream()) {
            check.getOutputStream().close();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(out));
            if (!check.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new CliException("the param check of module " + jar.module() + " did not finish within "
                        + TIMEOUT_SECONDS + " s");
            }
            List<String> lines = output.join().lines().toList();
            String last = lines.isEmpty() ? "" : lines.getLast();
            return switch (check.exitValue()) {
                case 0 -> outcome(jar, lines);
                case 2 -> throw new CliException("profile " + profile.name() + ", module " + jar.module() + ": " + last);
                default -> throw new CliException("the param check of module " + jar.module() + " failed (exit status "
                        + check.exitValue() + ": " + last + "); rebuild " + jar.jar() + " with mvn package");
            };
        } catch (IOException e) {
            throw new CliException("cannot check the params of module " + jar.module() + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while checking the params of module " + jar.module());
        } finally {
            check.destroyForcibly();
        }
    }

    private static Outcome outcome(BenchmarkJar jar, List<String> lines) {
        String benchmarks = field(jar, lines, "benchmarks: ");
        String declared = field(jar, lines, "declared: ");
        String forks = field(jar, lines, "forks: ");
        if (!benchmarks.matches("\\d{1,9}") || !forks.matches("\\d{1,15}")) {
            throw new CliException("the param check of module " + jar.module() + " answered benchmarks: " + benchmarks
                    + ", forks: " + forks + "; rebuild " + jar.jar() + " with mvn package");
        }
        List<CpuPlan> cpus = new ArrayList<>();
        for (String line : lines.stream().filter(l -> l.startsWith(CpuPlan.LINE)).toList()) {
            try {
                cpus.add(CpuPlan.parse(line.substring(CpuPlan.LINE.length())));
            } catch (IllegalArgumentException e) {
                throw new CliException("the param check of module " + jar.module() + " answered " + e.getMessage()
                        + "; rebuild " + jar.jar() + " with mvn package");
            }
        }
        return new Outcome(Integer.parseInt(benchmarks), new TreeSet<>(RunOptions.names(declared.replace(' ', ','))),
                Long.parseLong(forks), cpus);
    }

    private static String field(BenchmarkJar jar, List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).strip()).findFirst()
                .orElseThrow(() -> new CliException("the param check of module " + jar.module() + " answered "
                        + String.join(" / ", lines) + "; rebuild " + jar.jar() + " with mvn package"));
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
