package io.ipcbench.peer;

import io.ipcbench.link.Params;
import io.ipcbench.link.PeerFailure;
import io.ipcbench.pipe.PipeMechanism;
import io.ipcbench.traffic.RoundTrip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A peer asked to profile itself writes its flame graphs and collapsed stacks when the session
 * ends; when it cannot, closing the session fails, naming the peer and the file.
 */
class FlameGraphsTest {
    @TempDir
    Path dir;

    @Test
    void aProfiledPeerWritesItsGraphsOnExit() throws IOException {
        Path trial = dir.resolve("trial");
        try (RoundTrip roundTrip = profiledRoundTrip(trial)) {
            exchangeFor(roundTrip, 2_000_000_000L); // on a busy machine the peer may run a small share of it
        }
        Path collapsed = trial.resolve("peer-collapsed-cpu.csv");
        assertTrue(Files.size(trial.resolve("peer-flame-cpu-forward.html")) > 0, "forward graph in " + trial);
        assertTrue(Files.size(trial.resolve("peer-flame-cpu-reverse.html")) > 0, "reverse graph in " + trial);
        assertTrue(Files.readString(collapsed).contains("io/ipcbench/traffic/RoundTrip"),
                "the peer's busy-polling echo loop is in its stacks: " + collapsed);
    }

    /**
     * A real failed dump: a folder stands where the peer's forward graph must go, so async-profiler
     * cannot open its file (whoever runs the test, root included, which an unwritable folder would not stop).
     */
    @Test
    void aPeerWhoseDumpFailsFailsTheSessionNamingItselfAndTheFile() throws IOException {
        Path trial = dir.resolve("trial");
        Path forward = Files.createDirectories(trial.resolve("peer-flame-cpu-forward.html"));
        RoundTrip roundTrip = profiledRoundTrip(trial);
        exchangeFor(roundTrip, 200_000_000L);
        PeerFailure failure = assertThrows(PeerFailure.class, roundTrip::close);
        String message = failure.getMessage();
        assertTrue(message.contains("the peer (pid ") && message.contains("exited with status 1"), message);
        assertTrue(message.contains("its flame graph " + forward + ", which is not a regular file: the peer's flame dump failed"), message);
        assertTrue(message.contains("async-profiler in the peer: stop,flamegraph,file=" + forward), "its own words: " + message);
        assertTrue(Files.size(trial.resolve("peer-collapsed-cpu.csv")) > 0, "the dumps that could be written were");
        assertEquals(0, ProcessHandle.current().descendants().count(), "the peer is gone");
    }

    private RoundTrip profiledRoundTrip(Path trial) throws IOException {
        Path library = dir.resolve("libasyncProfiler.so");
        if (!Files.exists(library)) {
            String platform = System.getProperty("os.arch").equals("aarch64") ? "linux-arm64" : "linux-x64";
            try (InputStream in = FlameGraphs.class.getResourceAsStream("/" + platform + "/libasyncProfiler.so")) {
                Files.copy(in, library);
            }
        }
        Params params = new Params("pipe", Map.of("size", "64", "wait", "BUSY_POLL"));
        return PeerTraffic.roundTrip(new PipeMechanism(), params, Optional.of(new FlameGraphs(library.toString(), "cpu", trial)));
    }

    private static void exchangeFor(RoundTrip roundTrip, long nanos) {
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() < until) {
            roundTrip.once();
        }
    }
}
