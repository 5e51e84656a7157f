package io.ipcbench.cli.lessons;

import static io.ipcbench.cli.lessons.Verdict.Status.NOT_MEASURED;
import static io.ipcbench.cli.lessons.Verdict.Status.NOT_REPRODUCED;
import static io.ipcbench.cli.lessons.Verdict.Status.REPRODUCED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ipcbench.cli.results.Fixtures;
import io.ipcbench.cli.results.Plant;
import io.ipcbench.cli.results.Run;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server claim's wiring and rule: the quick run's pipe round trips and rates at 64 B, filed as
 * uds and tcp servers with two clients, then tcp's figures scaled by planted factors (the
 * fixture's rates vary by about half between iterations: a rate factor of 3 lies beyond that
 * noise). Only the direction beyond the noise decides.
 */
class UdsServerBeatsTcpTest {
    private static final Map<String, String> AT = Map.of("clients", "2", "size", "64");

    @TempDir
    Path dir;

    @Test
    void tcpSlowerOnBothFiguresReproducesTheClaim() throws IOException {
        Path run = servers(1.3, 1 / 3.0);
        Verdict verdict = new UdsServerBeatsTcp().check(Run.load(run));
        assertEquals(REPRODUCED, verdict.status(), verdict.measured());
        assertTrue(verdict.measured().startsWith("clients=2, 64 B: p50 uds "), verdict.measured());
        assertTrue(verdict.measured().contains("requests/s uds "), verdict.measured());
    }

    @Test
    void tcpFasterOnOneFigureDoesNotReproduceIt() throws IOException {
        Path run = servers(1.3, 3.0);
        assertEquals(NOT_REPRODUCED, new UdsServerBeatsTcp().check(Run.load(run)).status());
    }

    @Test
    void aRunWithoutServersMeasuresNothing() {
        Verdict verdict = new UdsServerBeatsTcp().check(Run.load(Fixtures.copy(Fixtures.QUICK, dir)));
        assertEquals(NOT_MEASURED, verdict.status(), verdict.measured());
    }

    /** uds.json and tcp.json holding the pipe's 64 B results as servers' with two clients; tcp's latency and rate scaled. */
    private Path servers(double tcpLatency, double tcpRate) throws IOException {
        Path run = Fixtures.copy(Fixtures.QUICK, dir);
        ObjectMapper json = new ObjectMapper();
        ObjectNode record = (ObjectNode) json.readTree(run.resolve("run.json").toFile());
        for (String module : new String[] {"uds", "tcp"}) {
            String name = Character.toUpperCase(module.charAt(0)) + module.substring(1);
            ArrayNode results = json.createArrayNode();
            for (JsonNode result : json.readTree(run.resolve("pipe.json").toFile())) {
                if (!result.path("params").path("size").asText().equals("64")) {
                    continue;
                }
                ObjectNode server = result.deepCopy();
                boolean latency = server.get("mode").asText().equals("sample");
                server.put("benchmark", "io.ipcbench." + module + "." + name + (latency ? "ServerLatency.request" : "ServerThroughput.serve"));
                server.putObject("params").put("pinning", "cross-core").put("clients", "2").put("size", "64");
                results.add(server);
            }
            json.writeValue(run.resolve(module + ".json").toFile(), results);
            record.withArray("modules").addObject().put("module", module).put("resultFile", module + ".json").put("exitStatus", 0);
        }
        json.writeValue(run.resolve("run.json").toFile(), record);
        Plant.latency(run.resolve("tcp.json"), "io.ipcbench.tcp.TcpServerLatency.request", AT, tcpLatency);
        Plant.score(run.resolve("tcp.json"), "io.ipcbench.tcp.TcpServerThroughput.serve", AT, tcpRate);
        return run;
    }
}
