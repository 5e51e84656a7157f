package io.ipcbench.eventfd;

import io.ipcbench.link.FdWait;
import io.ipcbench.link.Link;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.Params;
import io.ipcbench.link.PeerFailure;
import io.ipcbench.link.PeerFaultContract;
import io.ipcbench.os.Errno;
import io.ipcbench.os.Eventfds;
import io.ipcbench.os.Libc;
import io.ipcbench.peer.PeerTraffic;
import io.ipcbench.traffic.RoundTrip;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the contract cannot cover: COUNTER at its one size, the exit bell, and the descriptors a session leaves. */
class EventfdCounterTest {
    private static final Liveness ALWAYS_ALIVE = new Liveness() {
        @Override
        public void check(String waitingFor) {}

        @Override
        public RuntimeException gone(String waitingFor) {
            return new IllegalStateException("gone");
        }
    };

    /** COUNTER with each wait: what EventfdCounterLatency offers, which the contract's verified messages cannot carry. */
    static Stream<Params> counters() {
        return Arrays.stream(FdWait.values()).map(wait -> new Params("eventfd", Map.of("shape", "COUNTER", "wait", wait.name(), "size", "8")));
    }

    @ParameterizedTest
    @MethodSource("counters")
    void everyCounterRoundTripReadsExactlyOneEachWay(Params params) {
        try (RoundTrip roundTrip = PeerTraffic.roundTrip(new EventfdMechanism(), params);
             Arena arena = Arena.ofConfined()) {
            Link link = PeerTraffic.session(roundTrip).link();
            MemorySegment buffer = arena.allocate(8, 8);
            for (int i = 0; i < 20_000; i++) {
                buffer.set(ValueLayout.JAVA_LONG, 0, -1);
                link.send(buffer, 8);
                link.receive(buffer, 8);
                assertEquals(1, buffer.get(ValueLayout.JAVA_LONG, 0), "the count read back in round trip " + i);
            }
        }
    }

    @Test
    void twoWritesReadAsOneAreReportedInsteadOfMiscounted() {
        int a = Eventfds.create(false);
        int b = Eventfds.create(false);
        try (CounterLink sender = new CounterLink(a, b, ALWAYS_ALIVE, () -> {});
             CounterLink receiver = new CounterLink(b, a, ALWAYS_ALIVE, () -> {});
             Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(8, 8);
            sender.send(buffer, 8);
            sender.send(buffer, 8);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> receiver.receive(buffer, 8));
            assertTrue(e.getMessage().contains("read a count of 2 where 1 was due"), e.getMessage());
        } finally {
            Libc.close(a);
            Libc.close(b);
        }
    }

    /** Blocking, only the exit bell wakes a read(2) whose writer died; busy polling, the liveness check between tries. */
    @ParameterizedTest
    @MethodSource("counters")
    void aKilledPeerFailsTheBenchmarkQuicklyNamingSigkill(Params params) {
        try (RoundTrip roundTrip = PeerTraffic.roundTrip(new EventfdMechanism(), params)) {
            IntStream.range(0, 100).forEach(i -> roundTrip.once());
            ProcessHandle.of(PeerTraffic.session(roundTrip).peer().pid()).orElseThrow().destroyForcibly();
            PeerFailure failure = assertTimeoutPreemptively(Duration.ofSeconds(PeerFaultContract.FAILURE_SECONDS),
                    () -> assertThrows(PeerFailure.class, () -> {
                        while (true) {
                            roundTrip.once();
                        }
                    }));
            assertTrue(failure.getMessage().contains("SIGKILL"), failure.getMessage());
            assertTrue(failure.getMessage().contains(params.describe()), failure.getMessage());
        }
    }

    @Test
    void theExitBellWakesABlockedReadWhenTheProcessExitsAndNotAfterItIsClosed() throws Exception {
        int fd = Eventfds.create(false);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = arena.allocate(8, 8);
            Process shortLived = new ProcessBuilder("sleep", "0.2").start();
            try (PeerExitBell bell = PeerExitBell.arm(shortLived, fd)) {
                assertEquals(8, assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Libc.read(fd, count.address(), 8)));
                assertEquals(PeerExitBell.COUNT, count.get(ValueLayout.JAVA_LONG, 0));
                assertFalse(shortLived.isAlive(), "the woken reader's liveness check must already see the exit");
            }
            Process disarmed = new ProcessBuilder("sleep", "0.2").start();
            PeerExitBell.arm(disarmed, fd).close();
            assertTrue(disarmed.waitFor(5, TimeUnit.SECONDS));
            Thread.sleep(200);
            Libc.setNonBlocking(fd);
            assertEquals(-Errno.EAGAIN, Libc.read(fd, count.address(), 8), "a closed bell does not ring");
        } finally {
            Libc.close(fd);
        }
    }

    /**
     * Every worker of the common ForkJoinPool is held in a sleep, as another blocked task would hold
     * it; the Process's onExit() completes on that pool, so a bell rung from it would wait with
     * them. The read does not block here, so that a bell that never rings fails the test rather
     * than leaving a thread in read(2).
     */
    @Test
    void theExitBellRingsWhileTheCommonPoolIsBusy() throws Exception {
        int workers = ForkJoinPool.getCommonPoolParallelism();
        CountDownLatch busy = new CountDownLatch(workers);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < workers; i++) {
            ForkJoinPool.commonPool().execute(() -> {
                busy.countDown();
                while (release.getCount() > 0) {
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }
        int fd = Eventfds.create(true);
        try (Arena arena = Arena.ofConfined()) {
            assertTrue(busy.await(5, TimeUnit.SECONDS), "the common pool's workers took their tasks");
            MemorySegment count = arena.allocate(8, 8);
            Process shortLived = new ProcessBuilder("sleep", "0.2").start();
            try (PeerExitBell bell = PeerExitBell.arm(shortLived, fd)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                long n;
                while ((n = Libc.read(fd, count.address(), 8)) == -Errno.EAGAIN && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertEquals(8, n, "the bell rang within 5 s of a 0.2 s process's start");
                assertEquals(PeerExitBell.COUNT, count.get(ValueLayout.JAVA_LONG, 0));
            }
        } finally {
            release.countDown();
            Libc.close(fd);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"COUNTER", "RING"})
    void aClosedSessionLeavesNoDescriptorOpen(String shape) throws IOException {
        Params params = new Params("eventfd", Map.of("shape", shape, "wait", "BLOCKING", "size", "8", "capacity", "1"));
        List<String> before = eventfds();
        try (RoundTrip roundTrip = PeerTraffic.roundTrip(new EventfdMechanism(), params)) {
            roundTrip.once();
            assertEquals(before.size() + 2, eventfds().size(), "the benchmark side holds both eventfds while connected");
        }
        assertEquals(before, eventfds());
    }

    private static List<String> eventfds() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(fd -> {
                try {
                    return fd.getFileName() + " -> " + Files.readSymbolicLink(fd);
                } catch (IOException e) {
                    return fd.getFileName() + " (closed meanwhile)";
                }
            }).filter(link -> link.contains("eventfd")).sorted().toList();
        }
    }

    @AfterEach
    void noPeerIsLeft() {
        for (ProcessHandle child : ProcessHandle.current().children().toList()) {
            child.onExit().orTimeout(15, TimeUnit.SECONDS).join();
        }
    }
}
