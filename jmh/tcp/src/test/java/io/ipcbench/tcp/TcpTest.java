package io.ipcbench.tcp;

import io.ipcbench.link.Mechanism;
import io.ipcbench.link.MechanismContract;
import io.ipcbench.link.Params;
import io.ipcbench.os.NamedObjects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TcpTest extends MechanismContract {
    @Override
    protected Mechanism mechanism() {
        return new TcpMechanism();
    }

    /** Blocking: a stopped peer leaves the benchmark asleep in read(2), which only the watchdog can end. */
    @Override
    protected Map<String, String> crashVariant() {
        return Map.of("nodelay", "true", "wait", "BLOCKING");
    }

    /** Busy polling, which sees the end of file as blocking does, but between tries. */
    @Override
    protected Stream<Map<String, String>> otherWaitVariants() {
        return Stream.of(Map.of("nodelay", "true", "wait", "BUSY_POLL"));
    }

    /** The loopback socket buffers hold OneWay's window. */
    @Override
    protected Optional<Params> windowHoldingParams() {
        return Optional.of(faultParams());
    }

    @Override
    protected Stream<Map.Entry<Map<String, String>, String>> invalidVariants() {
        return Stream.concat(invalidSizes(Map.of("nodelay", "true")),
                Stream.of(Map.entry(Map.of("size", "64", "nodelay", "yes"), "nodelay=yes is not allowed; choose one of true, false"),
                        Map.entry(Map.of("size", "64", "wait", "SOMETIMES"), "choose one of BLOCKING, BUSY_POLL"),
                        Map.entry(Map.of("size", "64", "pinning", "diagonal"), "choose one of CROSS_CORE, SAME_CORE, NONE")));
    }

    @Test
    void theBenchmarkSideListensOn127001OnlyAndStopsListeningAtClose() {
        Params params = new Params("tcp", Map.of("size", "64", "nodelay", "true"));
        try (NamedObjects names = new NamedObjects()) {
            int port = Integer.parseInt(new TcpMechanism().offer(params, names).forPeer().get("tcp.port"));
            assertEquals(List.of(ListeningSockets.loopback(port)), ListeningSockets.ofThisProcess(),
                    "one listening socket, on 127.0.0.1 (0100007F) and not on 0.0.0.0 or ::");
        }
        assertEquals(List.of(), ListeningSockets.ofThisProcess(), "no socket left listening");
    }

    @AfterEach
    void noSocketIsLeftListening() {
        assertEquals(List.of(), ListeningSockets.ofThisProcess(), "listening sockets left open");
    }
}
