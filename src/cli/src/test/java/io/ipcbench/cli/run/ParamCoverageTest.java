package io.ipcbench.cli.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every value a benchmark offers is exercised by its mechanism's contract tests: each value of
 * each {@code @Param} list of every benchmark in every built jar, and each value a choice param
 * accepts besides (its refusal of an unknown value lists them: a layout or a pinning a run may
 * give with -p). The tests' side is what each contract test declares it runs traffic with
 * (Contracts.exercised in the harness's test kit, over the module's tests). Values are compared one by one, as the param
 * check reads them (case and '-' against '_' aside), not in every combination: the full product
 * is the benchmark matrix itself. The in-process module (Contracts.IN_PROCESS) has no contract.
 */
class ParamCoverageTest {
    /** The refusal of a value no choice param accepts lists the ones it does, after this. */
    private static final String CHOICES = "choose one of ";
    /** One choice of that list, and the comma that says another follows; whatever else the message says comes after the last. */
    private static final Pattern CHOICE = Pattern.compile("\\G([A-Za-z0-9_]+)(, )?");

    @Test
    void everyValueEveryBenchmarkOffersIsExercisedByItsMechanismsContractTests() throws IOException {
        List<String> untested = new ArrayList<>();
        Map<String, Integer> checked = new TreeMap<>();
        for (BenchmarkJar jar : BuiltJars.all()) {
            try (URLClassLoader loader = ContractTests.loader(jar)) {
                if (ContractTests.inProcess(loader).contains(jar.module())) {
                    continue;
                }
                List<Map<String, String>> exercised = ContractTests.exercised(loader, jar).getOrDefault(jar.module(), List.of());
                assertFalse(exercised.isEmpty(), "jmh/" + jar.module() + " has no contract test declaring what it exercises");
                Map<String, Map<String, List<String>>> offered = ContractTests.offered(loader, jar);
                assertFalse(offered.isEmpty(), jar.module() + ": no benchmarks in " + jar.jar());
                offered.forEach((benchmark, params) -> params.forEach((param, declared) -> {
                    Set<String> values = new LinkedHashSet<>(declared);
                    values.addAll(accepted(loader, benchmark, param));
                    for (String value : values) {
                        checked.merge(jar.module(), 1, Integer::sum);
                        if (exercised.stream().noneMatch(tested -> normal(value).equals(normal(tested.get(param))))) {
                            untested.add(jar.module() + ": " + benchmark + " offers " + param + "=" + value + ", which no contract test of "
                                    + jar.module() + " exercises: add it to that test's variants (echoVariants, streamVariants, or"
                                    + " benchmarkValues for a value the whole matrix need not cross)");
                        }
                    }
                }));
            }
        }
        System.out.println("ParamCoverageTest: benchmark × param × value checked, by module: " + checked);
        assertTrue(untested.isEmpty(), untested.size() + " values offered and not exercised:\n" + String.join("\n", untested));
    }

    /** The values a choice param accepts, read from the benchmark's refusal of one it does not; none for a number. */
    private static List<String> accepted(URLClassLoader loader, String benchmark, String param) {
        String refusal;
        try {
            BuiltJars.check(loader, "-p", param + "=" + ParamMatrixTest.BAD_VALUES.get("an unknown constant"), "^" + Pattern.quote(benchmark) + "$");
            throw new AssertionError(benchmark + " accepted " + param + "=" + ParamMatrixTest.BAD_VALUES.get("an unknown constant"));
        } catch (IllegalArgumentException | IllegalStateException e) {
            refusal = e.getMessage();
        }
        int at = refusal.indexOf(CHOICES);
        if (at < 0) {
            return List.of();
        }
        List<String> choices = new ArrayList<>();
        Matcher choice = CHOICE.matcher(refusal.substring(at + CHOICES.length()));
        while (choice.find()) {
            choices.add(choice.group(1));
            if (choice.group(2) == null) {
                break;
            }
        }
        return choices;
    }

    /** As the params read a choice: "cross-core" and "CROSS_CORE" are one value. */
    private static String normal(String value) {
        return value == null ? "" : value.replace('-', '_').toUpperCase();
    }
}
