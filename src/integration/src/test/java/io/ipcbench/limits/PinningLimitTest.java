package io.ipcbench.limits;

import io.ipcbench.pipe.PipeMechanism;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No free CPU for pinning, made for real: the trial's JVM may only run on CPU 0 (taskset).
 * Cross-core pinning then has no second core: it is refused before the peer starts, naming the
 * CPUs the process may use and the pinning values that remain.
 */
class PinningLimitTest {
    private static final List<String> ONE_CPU = List.of("taskset", "-c", "0");

    @Test
    void crossCoreOnOneCpuIsRefusedNamingTheCpusAndTheChoices() {
        LimitedJvm.assumeWorks(ONE_CPU);
        String message = LimitedJvm.trial(ONE_CPU, PipeMechanism.class, "pipe", List.of("size=64", "pinning=cross-core")).refusal();
        assertTrue(message.startsWith("pinning=cross-core needs CPUs on two different physical cores, but this process may only"
                + " run on CPUs [0]"), message);
        assertTrue(message.contains("choose pinning=same-core or pinning=none"), message);
    }

    @Test
    void sameCoreRunsOnOneCpu() {
        LimitedJvm.assumeWorks(ONE_CPU);
        LimitedJvm.trial(ONE_CPU, PipeMechanism.class, "pipe", List.of("size=64", "pinning=same-core")).assertRan();
    }
}
