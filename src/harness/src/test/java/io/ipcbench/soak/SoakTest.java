package io.ipcbench.soak;

import io.ipcbench.link.ForkedPeer;
import io.ipcbench.mmap.Leftovers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The soak, bounded for {@code mvn verify}: for every mechanism, every variant in both shapes at
 * two sizes each (small and large in turn), at least {@link #MESSAGES} messages in all, every one
 * checked. Each summary is written to target/soak/MECHANISM.md.
 */
class SoakTest {
    static final long MESSAGES = 1_000_000;
    static final int SIZES_PER_VARIANT = 2;

    static List<String> mechanisms() {
        return SoakPlan.mechanisms();
    }

    @ParameterizedTest
    @MethodSource("mechanisms")
    void everyMessageArrivesOnceInOrderIntact(String mechanism) throws IOException {
        SoakPlan plan = SoakPlan.of(mechanism);
        SoakSummary summary = Soak.run(plan, MESSAGES, SIZES_PER_VARIANT, result -> {});
        Path file = Files.createDirectories(Path.of("target", "soak")).resolve(mechanism + ".md");
        Files.writeString(file, summary.markdown());
        System.out.println("soak " + summary.verdict());
        assertEquals(0, summary.failures(), summary::verdict);
        assertTrue(summary.messages() >= MESSAGES, summary::verdict);
        assertEquals(plan.variants().size() * SIZES_PER_VARIANT - singleSized(plan),
                summary.results().size(), "sessions: every variant at two sizes (one for those with one size)");
    }

    /** Signals have no size and the eventfd counter one: those variants run one session. */
    private static long singleSized(SoakPlan plan) {
        return plan.variants().stream().filter(v -> v.payload() != SoakPlan.Payload.PATTERNED).count();
    }

    @AfterEach
    void nothingIsLeftBehind() {
        for (ProcessHandle child : ProcessHandle.current().children().toList()) {
            child.onExit().orTimeout(ForkedPeer.HANDSHAKE_TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
        }
        assertEquals(List.of(), ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList(),
                "peer processes still alive");
        assertEquals(List.of(), Leftovers.of(ProcessHandle.current().pid()), "named objects left behind");
    }
}
