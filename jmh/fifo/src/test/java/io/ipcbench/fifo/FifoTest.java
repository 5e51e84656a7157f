package io.ipcbench.fifo;

import io.ipcbench.link.DescriptorStreamContract;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Params;
import io.ipcbench.link.PeerFailure;
import io.ipcbench.os.Fifos;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.peer.PeerTraffic;
import io.ipcbench.traffic.RoundTrip;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FifoTest extends DescriptorStreamContract {
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFDIR = 0040000;

    @Override
    protected Mechanism mechanism() {
        return new FifoMechanism();
    }

    /** Both FIFOs live in one private directory. */
    @Override
    protected List<String> objectRoles(Params params) {
        return List.of("fifo");
    }

    @Test
    void theFifosAre0600InA0700DirectoryOfTheirOwn() throws IOException {
        try (RoundTrip roundTrip = PeerTraffic.roundTrip(mechanism(), params(Map.of("wait", "BLOCKING"), 64))) {
            roundTrip.onceVerified(0);
            List<String> present = NamedObjects.presentFor(ProcessHandle.current().pid());
            assertEquals(1, present.size(), "one private directory: " + present);
            Path directory = Path.of(present.getFirst());
            assertEquals(S_IFDIR | 0700, mode(directory), "directory mode");
            try (Stream<Path> entries = Files.list(directory)) {
                assertEquals(List.of(FifoMechanism.FROM_PEER, FifoMechanism.TO_PEER), entries.map(p -> p.getFileName().toString()).sorted().toList());
            }
            assertEquals(S_IFIFO | 0600, mode(directory.resolve(FifoMechanism.TO_PEER)) & (S_IFMT | 0777), "to-peer: a FIFO, 0600");
            assertEquals(S_IFIFO | 0600, mode(directory.resolve(FifoMechanism.FROM_PEER)) & (S_IFMT | 0777), "from-peer: a FIFO, 0600");
        }
    }

    /** open(2) of a FIFO's write end waits for a reader: a reader that never comes must not hang the set-up. */
    @Test
    void openingAFifoNobodyReadsStopsWhenTheOtherProcessIsGone() throws IOException {
        Path directory = Files.createTempDirectory("ipcbench-test-fifo");
        Path fifo = directory.resolve("nobody-reads");
        try {
            Fifos.mkfifo(fifo, 0600);
            int[] checks = {0};
            Liveness diesAfterTenChecks = new Liveness() {
                @Override
                public void check(String waitingFor) {
                    if (++checks[0] == 10) {
                        throw gone(waitingFor);
                    }
                }

                @Override
                public RuntimeException gone(String waitingFor) {
                    return new PeerFailure("gone while waiting for " + waitingFor);
                }
            };
            PeerFailure failure = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(PeerFailure.class,
                    () -> FifoMechanism.openForWriting(fifo, diesAfterTenChecks, TimeUnit.MINUTES.toNanos(1))));
            assertTrue(failure.getMessage().contains("to open " + fifo + " for reading"), failure.getMessage());

            Liveness alive = new Liveness() {
                @Override
                public void check(String waitingFor) {}

                @Override
                public RuntimeException gone(String waitingFor) {
                    return new PeerFailure(waitingFor);
                }
            };
            IllegalStateException timeout = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(IllegalStateException.class,
                    () -> FifoMechanism.openForWriting(fifo, alive, TimeUnit.MILLISECONDS.toNanos(200))));
            assertTrue(timeout.getMessage().contains("gave up waiting"), timeout.getMessage());
        } finally {
            Files.deleteIfExists(fifo);
            Files.delete(directory);
        }
    }

    private static int mode(Path path) throws IOException {
        return (int) Files.getAttribute(path, "unix:mode");
    }
}
