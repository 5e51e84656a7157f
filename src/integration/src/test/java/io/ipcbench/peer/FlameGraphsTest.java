package io.ipcbench.peer;

import io.ipcbench.link.Params;
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

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A peer asked to profile itself writes its flame graphs and collapsed stacks when the session ends. */
class FlameGraphsTest {
    @Test
    void aProfiledPeerWritesItsGraphsOnExit(@TempDir Path dir) throws IOException {
        Path library = dir.resolve("libasyncProfiler.so");
        String platform = System.getProperty("os.arch").equals("aarch64") ? "linux-arm64" : "linux-x64";
        try (InputStream in = FlameGraphs.class.getResourceAsStream("/" + platform + "/libasyncProfiler.so")) {
            Files.copy(in, library);
        }
        Path trial = dir.resolve("trial");
        Params params = new Params("pipe", Map.of("size", "64", "wait", "BUSY_POLL"));
        try (RoundTrip roundTrip = PeerTraffic.roundTrip(new PipeMechanism(), params, Optional.of(new FlameGraphs(library.toString(), "cpu", trial)))) {
            long until = System.nanoTime() + 500_000_000L;
            while (System.nanoTime() < until) {
                roundTrip.once();
            }
        }
        Path collapsed = trial.resolve("peer-collapsed-cpu.csv");
        assertTrue(Files.exists(trial.resolve("peer-flame-cpu-forward.html")), "forward graph in " + trial);
        assertTrue(Files.exists(trial.resolve("peer-flame-cpu-reverse.html")), "reverse graph in " + trial);
        assertTrue(Files.readString(collapsed).contains("RoundTrip.echo"),
                "the peer's busy-polling echo loop is in its stacks: " + collapsed);
    }
}
