package io.ipcbench.bench;

import io.ipcbench.link.Params;
import io.ipcbench.os.Pinning;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Defaults;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a run's JMH options against the benchmarks of this jar before any fork starts:
 * {@code java -cp benchmarks.jar io.ipcbench.bench.ParamCheck [JMH options]}. JMH itself would start
 * a fork for every combination of params and only then let the trial refuse a bad one, minutes or
 * hours into a run. This parses the options as JMH does, takes every benchmark they select and
 * every combination of the params it would run (the given values, else the benchmark's own), and
 * asks the benchmark class ({@link CheckedParams}: the mechanism's own validation) about each,
 * creating nothing. The runner calls it for every module; a new mechanism needs nothing here.
 * <p>Exit status 0 with two lines, {@code benchmarks: N} (how many the options select, maybe
 * none) and {@code declared: NAME...} (the params any benchmark of the jar declares, selected or
 * not, against which the runner judges the -p names across modules: a profile's param of one
 * benchmark is no typo when a pattern leaves that benchmark out), {@code forks: N} (how many JVM forks JMH will start for them, warm-up
 * forks included: the run's progress counts them), then one {@code cpus: PINNING ...} line per pinning the trials use
 * (where they will measure, and whether a housekeeping CPU is left), or 2 with one line saying
 * what is wrong.
 */
public final class ParamCheck {
    /** More trials than any profile asks for (the full profile's largest module has 128 per benchmark). */
    static final long MAX_COMBINATIONS = 100_000;

    private ParamCheck() {}

    public static void main(String[] args) {
        try {
            requireValues(args);
            CommandLineOptions options = options(args);
            applySystemProperties(options);
            Set<BenchmarkListEntry> selected = selected(options);
            Set<Pinning> pinnings = EnumSet.noneOf(Pinning.class);
            check(selected, options, pinnings);
            System.out.println("benchmarks: " + selected.size());
            System.out.println("declared: " + String.join(" ", declaredByAny()));
            System.out.println("forks: " + forks(selected, options));
            pinnings.forEach(pinning -> System.out.println("cpus: " + cpus(pinning)));
            System.exit(0);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    /** Returns the params the selected benchmarks declare; throws naming the first trial that would be refused. */
    public static Set<String> check(String... args) {
        requireValues(args);
        CommandLineOptions options = options(args);
        return check(selected(options), options, EnumSet.noneOf(Pinning.class));
    }

    /** Also collects into {@code pinnings} the pinning of every trial. */
    private static Set<String> check(Set<BenchmarkListEntry> selected, CommandLineOptions options, Set<Pinning> pinnings) {
        Set<String> declared = new TreeSet<>();
        for (BenchmarkListEntry benchmark : selected) {
            Map<String, List<String>> values = values(benchmark, options);
            declared.addAll(values.keySet());
            CheckedParams instance = instantiate(benchmark);
            if (instance == null) {
                continue;
            }
            for (Map<String, String> trial : combinations(benchmark, values)) {
                try {
                    instance.checkParams(trial);
                } catch (IllegalArgumentException | IllegalStateException e) {
                    throw new IllegalArgumentException(benchmark.getUsername() + ": " + e.getMessage(), e);
                }
                pinnings.add(new Params(benchmark.getUsername(), trial).pinning());
            }
        }
        return declared;
    }

    /** Every fork JMH will start for the selected benchmarks: per combination of params, the warm-up and measured forks. */
    private static long forks(Set<BenchmarkListEntry> selected, CommandLineOptions options) {
        long forks = 0;
        for (BenchmarkListEntry benchmark : selected) {
            int measured = options.getForkCount().orElse(benchmark.getForks().orElse(Defaults.MEASUREMENT_FORKS));
            int warmup = options.getWarmupForkCount().orElse(benchmark.getWarmupForks().orElse(Defaults.WARMUP_FORKS));
            // -f 0 runs each combination once, in JMH's own JVM
            long perCombination = measured == 0 ? 1 : measured + warmup;
            forks += perCombination * combinations(benchmark, values(benchmark, options)).size();
        }
        return forks;
    }

    /**
     * Where a trial with this pinning would run, as the forks will plan it (they inherit this JVM's
     * CPUs): {@code cross-core benchmark=2 peer=3 housekeeping=0,1 allowed=0,1,2,3 | in words},
     * -1 for a thread not pinned.
     */
    private static String cpus(Pinning pinning) {
        Pinning.Plan plan = pinning.plan();
        return pinning.name().toLowerCase(Locale.ROOT).replace('_', '-') + " benchmark=" + plan.benchmarkCpu() + " peer=" + plan.peerCpu() + " housekeeping=" + list(plan.housekeeping())
                + " allowed=" + list(plan.allowed()) + " | " + plan.describe();
    }

    private static String list(Set<Integer> cpus) {
        return String.join(",", cpus.stream().map(String::valueOf).toList());
    }

    private static CommandLineOptions options(String... args) {
        try {
            return new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            throw new IllegalArgumentException("JMH options " + String.join(" ", args) + ": " + e.getMessage());
        }
    }

    /** JMH runs {@code -p name=,} as if the param were not given at all: a value lost without a word. */
    private static void requireValues(String... args) {
        for (int i = 0; i + 1 < args.length; i++) {
            String param = args[i + 1];
            int eq = param.indexOf('=');
            if (args[i].equals("-p") && eq > 0 && Arrays.stream(param.substring(eq + 1).split(",")).allMatch(String::isBlank)) {
                throw new IllegalArgumentException("-p " + param + " gives " + param.substring(0, eq)
                        + " no value; give one or more, comma-separated");
            }
        }
    }

    /** The -D options a fork would get (an mmap directory, a remote TCP peer), so that the checks see them too. */
    private static void applySystemProperties(CommandLineOptions options) {
        List<String> jvmArgs = new ArrayList<>();
        jvmArgs.addAll(options.getJvmArgs().orElse(List.of()));
        jvmArgs.addAll(options.getJvmArgsPrepend().orElse(List.of()));
        jvmArgs.addAll(options.getJvmArgsAppend().orElse(List.of()));
        for (String arg : jvmArgs) {
            for (String word : arg.strip().split("\\s+")) {
                int eq = word.indexOf('=');
                if (word.startsWith("-D") && eq > 2) {
                    System.setProperty(word.substring(2, eq), word.substring(eq + 1));
                }
            }
        }
    }

    private static Set<BenchmarkListEntry> selected(CommandLineOptions options) {
        List<String> includes = options.getIncludes().isEmpty() ? List.of(".*") : options.getIncludes();
        try {
            return BenchmarkList.defaultList()
                    .find(OutputFormatFactory.createFormatInstance(silent(), VerboseMode.SILENT), includes, options.getExcludes());
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("the benchmark pattern is not a regular expression: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** Every param any benchmark of this jar declares. */
    private static Set<String> declaredByAny() {
        Set<String> names = new TreeSet<>();
        BenchmarkList.defaultList().getAll(OutputFormatFactory.createFormatInstance(silent(), VerboseMode.SILENT), List.of())
                .forEach(benchmark -> names.addAll(benchmark.getParams().orElse(Map.of()).keySet()));
        return names;
    }

    /** Every declared param's values: those given with -p, else the benchmark's own. */
    private static Map<String, List<String>> values(BenchmarkListEntry benchmark, CommandLineOptions options) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        benchmark.getParams().orElse(Map.of()).forEach((name, declared) -> {
            Collection<String> given = options.getParameter(name).orElse(null);
            values.put(name, given != null ? List.copyOf(given) : List.of(declared));
        });
        return values;
    }

    private static List<Map<String, String>> combinations(BenchmarkListEntry benchmark, Map<String, List<String>> values) {
        long count = 1;
        for (List<String> choices : values.values()) {
            count = Math.min(count * choices.size(), MAX_COMBINATIONS + 1);
        }
        if (count > MAX_COMBINATIONS) {
            throw new IllegalArgumentException(benchmark.getUsername() + ": the params make more than " + MAX_COMBINATIONS
                    + " trials, the most allowed (each is a JVM fork): give fewer values");
        }
        List<Map<String, String>> combinations = new ArrayList<>(List.of(new LinkedHashMap<>()));
        values.forEach((name, choices) -> {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : combinations) {
                for (String choice : choices) {
                    Map<String, String> more = new LinkedHashMap<>(partial);
                    more.put(name, choice);
                    next.add(more);
                }
            }
            combinations.clear();
            combinations.addAll(next);
        });
        return combinations;
    }

    /** The benchmark class, if it can check its params ({@link CheckedParams}); its constructor creates nothing. */
    private static CheckedParams instantiate(BenchmarkListEntry benchmark) {
        try {
            Object instance = Class.forName(benchmark.getUserClassQName()).getConstructor().newInstance();
            return instance instanceof CheckedParams checked ? checked : null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make an instance of " + benchmark.getUserClassQName() + ": " + e);
        }
    }

    private static PrintStream silent() {
        return new PrintStream(OutputStream.nullOutputStream());
    }
}
