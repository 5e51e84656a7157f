package io.ipcbench.link;

import io.ipcbench.soak.SoakPlan;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A mechanism gets the soak and the fault matrix only if someone writes its soak plan and its
 * contract test: the modules present under jmh/ are compared with both, so that a module without
 * either, or a plan or a test of no module, fails the build saying what to add.
 */
class EveryModuleIsSoakedAndFaultedTest {
    private static final Path JMH = Path.of(System.getProperty("user.dir")).resolve("../../jmh").normalize();

    @Test
    void everyModuleHasASoakPlanAndAFaultContractAndNothingElseHas() throws IOException {
        Set<String> modules = modules();
        assertFalse(modules.isEmpty(), "no modules found under " + JMH);
        Set<String> soaked = new TreeSet<>(SoakPlan.mechanisms());
        Set<String> faulted = Contracts.all().stream().map(contract -> contract.mechanism().name()).collect(Collectors.toCollection(TreeSet::new));
        System.out.println("modules " + modules + "; soaked " + soaked + "; faulted " + faulted + "; in-process " + Contracts.IN_PROCESS.keySet());

        List<String> problems = new ArrayList<>();
        Contracts.IN_PROCESS.keySet().stream().filter(module -> !modules.contains(module)).forEach(module -> problems.add(
                "jmh/" + module + " is listed as in-process in Contracts.IN_PROCESS but is no module: remove it there"));
        for (String module : modules) {
            if (Contracts.IN_PROCESS.containsKey(module)) {
                continue;
            }
            if (!soaked.contains(module)) {
                problems.add("jmh/" + module + " has no soak: add its plan (every variant whose data path differs) to SoakPlan.plans()"
                        + " in src/harness/src/main/java/io/ipcbench/soak/SoakPlan.java");
            }
            if (!faulted.contains(module)) {
                problems.add("jmh/" + module + " has no fault matrix: add a test class for its mechanism that extends MechanismContract"
                        + " (or PeerFaultContract, for one whose messages have no size) in src/harness/src/test/java/io/ipcbench/" + module
                        + "; if its benchmarks start no peer process, list it in Contracts.IN_PROCESS saying so");
            }
        }
        soaked.stream().filter(name -> !modules.contains(name) || Contracts.IN_PROCESS.containsKey(name)).forEach(name -> problems.add(
                "SoakPlan has a plan for " + name + ", but there is no two-process module jmh/" + name + " to benchmark it"));
        faulted.stream().filter(name -> !modules.contains(name) || Contracts.IN_PROCESS.containsKey(name)).forEach(name -> problems.add(
                "a fault contract tests mechanism " + name + ", but there is no two-process module jmh/" + name + " to benchmark it"));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** Every folder under jmh/ with a pom.xml. */
    private static Set<String> modules() throws IOException {
        try (Stream<Path> dirs = Files.list(JMH)) {
            return dirs.filter(dir -> Files.isRegularFile(dir.resolve("pom.xml"))).map(dir -> dir.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
