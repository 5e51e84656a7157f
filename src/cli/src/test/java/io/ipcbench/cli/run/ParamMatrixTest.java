package io.ipcbench.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipcbench.cli.results.Run;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every param of every benchmark of every built module, given values no param accepts (a word,
 * a negative number, a fraction, 10^20, an unknown constant, a 1 MB string, an empty value): the
 * module's own param check, which the runner calls before the first fork, refuses each with one
 * line naming the param and the rule. Also every shipped profile's params pass it (on a one-core
 * machine with same-core pinning in place of the cross-core they ask for, which such a machine refuses).
 */
class ParamMatrixTest {
    /** Values that no param of any benchmark accepts, by what is wrong with them. */
    static final Map<String, String> BAD_VALUES = Map.of(
            "a word", "abc",
            "negative", "-1",
            "a fraction", "1.5",
            "10^20", "100000000000000000000",
            "an unknown constant", "BOGUS_CHOICE",
            "a 1 MB string", "x".repeat(1 << 20),
            "empty", "");
    /** How the refusals say what is allowed: a list of choices, a range, or that a value is needed. */
    private static final List<String> ALLOWED = List.of("choose one of", "a whole number from", "give it a value", "give one or more");
    private static final Map<String, Integer> REFUSED_BY_KIND = new TreeMap<>();
    /**
     * Given beside each bad value of another param: same-core, which every machine can do. The
     * benchmarks' own default, cross-core, is refused on a one-core machine before the value under
     * test is looked at.
     */
    private static final List<String> PINNING_ANY_MACHINE_CAN = List.of("-p", "pinning=same-core");
    /** How the check refuses cross-core pinning where the process may use one core only. */
    private static final String ONE_CORE = "pinning=cross-core needs CPUs on two different physical cores";
    private static final Set<String> SAID_ONE_CORE = new java.util.HashSet<>();

    private static String shown(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "... (" + text.length() + " characters)";
    }

    @AfterAll
    static void figures() {
        System.err.println("ParamMatrixTest: refused by kind " + REFUSED_BY_KIND);
    }

    @Test
    void everyParamRefusesEveryBadValueNamingTheParamAndTheRule() throws IOException {
        List<String> accepted = new ArrayList<>();
        for (BenchmarkJar jar : BuiltJars.all()) {
            try (URLClassLoader loader = BuiltJars.loader(jar)) {
                Set<String> declared = BuiltJars.check(loader, PINNING_ANY_MACHINE_CAN.toArray(String[]::new));
                assertFalse(declared.isEmpty(), jar.module());
                for (String param : declared) {
                    for (Map.Entry<String, String> bad : BAD_VALUES.entrySet()) {
                        String given = jar.module() + " -p " + param + "=" + shown(bad.getValue());
                        RuntimeException refusal;
                        try {
                            BuiltJars.check(loader, withBad(param, bad.getValue()));
                            accepted.add(given);
                            continue;
                        } catch (IllegalArgumentException | IllegalStateException e) {
                            refusal = e;
                        }
                        String message = refusal.getMessage();
                        assertEquals(1, message.lines().count(), given + ": " + message);
                        assertTrue(message.length() < 1000, given + ": a short line: " + shown(message));
                        assertTrue(message.contains(param), given + ": names the param: " + message);
                        assertTrue(ALLOWED.stream().anyMatch(message::contains), given + ": says what is allowed: " + message);
                        REFUSED_BY_KIND.merge(bad.getKey(), 1, Integer::sum);
                    }
                }
            }
        }
        assertEquals(List.of(), accepted, "accepted bad values");
    }

    @Test
    void theShippedProfilesPassTheCheckOfEveryModule() throws IOException {
        for (String name : List.of("smoke", "quick", "full", "flame")) {
            Profile profile = Profile.load(BuiltJars.REPOSITORY.resolve("profiles"), name);
            for (BenchmarkJar jar : BuiltJars.all()) {
                if (profile.modules().isPresent() && !profile.modules().get().contains(jar.module())) {
                    continue;
                }
                List<String> args = JmhArgs.forModule(jar.module(), profile, List.of(), profile.bench(),
                        java.nio.file.Path.of("x.json"), java.util.Optional.empty());
                try (URLClassLoader loader = BuiltJars.loader(jar)) {
                    checkOnThisMachine(loader, name, args);
                }
            }
        }
    }

    /** {@code -p param=value}, beside {@link #PINNING_ANY_MACHINE_CAN} unless the bad value is pinning's own. */
    private static String[] withBad(String param, String value) {
        List<String> args = new ArrayList<>(param.equals("pinning") ? List.of() : PINNING_ANY_MACHINE_CAN);
        args.addAll(List.of("-p", param + "=" + value));
        return args.toArray(String[]::new);
    }

    /**
     * The profiles pin cross-core, which a one-core machine refuses, as it should: there, everything
     * else in them is checked with same-core instead, and the console says so.
     */
    private static void checkOnThisMachine(URLClassLoader loader, String profile, List<String> args) {
        try {
            BuiltJars.check(loader, args.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            if (!String.valueOf(e.getMessage()).contains(ONE_CORE)) {
                throw e;
            }
            if (SAID_ONE_CORE.add(profile)) {
                System.out.println("ParamMatrixTest: profile " + profile + " checked with pinning=same-core: " + e.getMessage());
            }
            BuiltJars.check(loader, args.stream().map(a -> a.equals("pinning=cross-core") ? "pinning=same-core" : a).toArray(String[]::new));
        }
    }

    /** Every run measures its timer floor: each benchmark profile selects cacheline's TimerFloor, which the built jar holds. */
    @Test
    void everyBenchmarkProfileRunsTheTimerFloor() throws IOException {
        String timerFloor = "io.ipcbench.cacheline.TimerFloor.empty";
        BenchmarkJar cacheline = BuiltJars.all().stream().filter(j -> j.module().equals(Run.FLOOR_MODULE)).findFirst().orElseThrow();
        try (URLClassLoader loader = BuiltJars.loader(cacheline)) {
            List<String> args = new ArrayList<>(PINNING_ANY_MACHINE_CAN);
            args.add(Pattern.quote(timerFloor));
            assertEquals(Set.of("pinning"), BuiltJars.check(loader, args.toArray(String[]::new)), "the cacheline jar holds " + timerFloor);
        }
        List<String> names;
        try (Stream<Path> files = Files.list(BuiltJars.REPOSITORY.resolve("profiles"))) {
            names = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".properties"))
                    .map(n -> n.substring(0, n.length() - ".properties".length())).sorted().toList();
        }
        List<String> benchmarkProfiles = new ArrayList<>();
        for (String name : names) {
            Profile profile = Profile.load(BuiltJars.REPOSITORY.resolve("profiles"), name);
            if (profile.soak().isPresent()) {
                continue;
            }
            benchmarkProfiles.add(name);
            assertTrue(profile.modules().map(m -> m.contains(Run.FLOOR_MODULE)).orElse(true), name + " runs the " + Run.FLOOR_MODULE + " module");
            assertTrue(profile.bench().map(b -> Pattern.compile(b).matcher(timerFloor).find()).orElse(true),
                    name + "'s bench pattern selects " + timerFloor);
        }
        assertTrue(benchmarkProfiles.containsAll(List.of("smoke", "quick", "compare", "full", "flame")), "the shipped profiles: " + benchmarkProfiles);
    }

    @Test
    void tooManyCombinationsAreRefused() throws IOException {
        BenchmarkJar shm = BuiltJars.all().stream().filter(j -> j.module().equals("shm")).findFirst().orElseThrow();
        String sizes = String.join(",", java.util.stream.IntStream.rangeClosed(1, 100_000).mapToObj(Integer::toString).toList());
        try (URLClassLoader loader = BuiltJars.loader(shm)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BuiltJars.check(loader, "-p", "size=" + sizes));
            assertTrue(e.getMessage().contains("more than 100000 trials"), e.getMessage());
        }
    }
}
