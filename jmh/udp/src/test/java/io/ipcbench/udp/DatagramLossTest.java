package io.ipcbench.udp;

import io.ipcbench.link.FdWait;
import io.ipcbench.link.Link;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.Messages;
import io.ipcbench.link.Params;
import io.ipcbench.link.PeerFailure;
import io.ipcbench.os.Sockets;
import io.ipcbench.traffic.MessagePattern;
import io.ipcbench.traffic.OneWay;
import io.ipcbench.traffic.Trial;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Datagrams lost for real: the receiving socket's buffer is shrunk to the kernel's minimum (about
 * 4.6 KiB), which holds one 8 KiB datagram (an empty buffer takes any one) and drops the next.
 * Both ends live in this process, on two loopback sockets connected to each other, so that the
 * order of sends and receives, and so which datagram is lost, is fixed. Each case checks that
 * nothing hangs (a bound on the whole case, far beyond the probe's 200 ms, catches a hang), that
 * the loss is counted where it happened, and what the traffic then sees.
 */
class DatagramLossTest {
    private static final int SIZE = 8192;
    private static final int SO_RCVBUF = 8;
    private static final Duration HANG = Duration.ofSeconds(60);

    /** A liveness that ends a wait once the test is done with that end. */
    private static final class UntilDone implements Liveness {
        final AtomicBoolean done = new AtomicBoolean();

        @Override
        public void check(String waitingFor) {
            if (done.get()) {
                throw new PeerFailure("the test is done (waiting for " + waitingFor + ")");
            }
        }

        @Override
        public RuntimeException gone(String waitingFor) {
            return new PeerFailure("the other socket is closed (waiting for " + waitingFor + ")");
        }
    }

    /** The two ends: the benchmark's and the peer's, with the peer's receive buffer as small as the kernel allows. */
    private record Ends(DatagramLink benchmark, DatagramLink peer, UntilDone benchmarkDone, UntilDone peerDone) implements AutoCloseable {
        static Ends open(FdWait wait, boolean smallBenchmarkBuffer) {
            int benchmarkFd = InetDatagrams.bindLoopback();
            int peerFd = InetDatagrams.bindLoopback();
            InetDatagrams.connect(benchmarkFd, InetDatagrams.port(peerFd));
            InetDatagrams.connect(peerFd, InetDatagrams.port(benchmarkFd));
            Sockets.setIntOption(smallBenchmarkBuffer ? benchmarkFd : peerFd, SO_RCVBUF, 1);
            UntilDone benchmarkDone = new UntilDone();
            UntilDone peerDone = new UntilDone();
            return new Ends(new DatagramLink(benchmarkFd, DatagramLink.End.BENCHMARK, wait, benchmarkDone),
                    new DatagramLink(peerFd, DatagramLink.End.PEER, wait, peerDone), benchmarkDone, peerDone);
        }

        /** Ends every wait of either end within a timeout, then closes both. */
        @Override
        public void close() {
            benchmarkDone.done.set(true);
            peerDone.done.set(true);
            benchmark.close();
            peer.close();
        }
    }

    /** The request of a round trip is lost: the benchmark probes, the peer counts the drop and echoes a placeholder (its buffer as it was). */
    @ParameterizedTest
    @EnumSource(FdWait.class)
    void aLostRequestIsCountedAndTheRoundTripCompletesWithAPlaceholder(FdWait wait) {
        assertTimeoutPreemptively(HANG, () -> {
            try (Ends ends = Ends.open(wait, false); Arena arena = Arena.ofShared()) {
                MemorySegment out = arena.allocate(SIZE);
                MemorySegment echo = arena.allocate(SIZE);
                MemorySegment in = arena.allocate(SIZE);
                MessagePattern.fill(out, SIZE, 0);
                ends.benchmark().send(out, SIZE);
                MessagePattern.fill(out, SIZE, 1);
                ends.benchmark().send(out, SIZE); // dropped: the peer's buffer holds the first
                ends.peer().receive(echo, SIZE);
                ends.peer().send(echo, SIZE);
                ends.benchmark().receive(in, SIZE);
                MessagePattern.verify(in, SIZE, 0, "the first reply");

                CompletableFuture<Void> peer = inThread(() -> {
                    ends.peer().receive(echo, SIZE); // the probe's answer: a placeholder
                    ends.peer().send(echo, SIZE);
                });
                ends.benchmark().receive(in, SIZE);
                peer.join();
                MessagePattern.verify(in, SIZE, 0, "the placeholder's echo: the peer's buffer as it was");
                assertEquals(1, ends.peer().drops(), "the peer counted the lost request");
                assertEquals(1, ends.benchmark().drops(), "and reported it to the benchmark");
                assertTrue(ends.benchmark().probes() >= 1, "the benchmark probed");
            }
        });
    }

    /** The reply is lost: the benchmark probes, and the peer, having received everything, sends its reply again. */
    @ParameterizedTest
    @EnumSource(FdWait.class)
    void aLostReplyIsSentAgainOnTheProbe(FdWait wait) {
        assertTimeoutPreemptively(HANG, () -> {
            try (Ends ends = Ends.open(wait, true); Arena arena = Arena.ofShared()) {
                MemorySegment out = arena.allocate(SIZE);
                MemorySegment echo = arena.allocate(SIZE);
                MemorySegment in = arena.allocate(SIZE);
                for (long seq = 0; seq < 2; seq++) {
                    MessagePattern.fill(out, SIZE, seq);
                    ends.benchmark().send(out, SIZE);
                    ends.peer().receive(echo, SIZE);
                    ends.peer().send(echo, SIZE); // the second reply is dropped: the benchmark's buffer holds the first
                }
                ends.benchmark().receive(in, SIZE);
                MessagePattern.verify(in, SIZE, 0, "the first reply");

                CompletableFuture<Void> peer = inThread(() -> ends.peer().receive(echo, SIZE));
                ends.benchmark().receive(in, SIZE);
                MessagePattern.verify(in, SIZE, 1, "the second reply, sent again");
                ends.peerDone().done.set(true);
                CompletionException stopped = assertThrows(CompletionException.class, peer::join);
                assertTrue(stopped.getCause().getMessage().contains("the test is done"), stopped.getCause().getMessage());
                assertEquals(0, ends.benchmark().drops(), "nothing to the peer was lost");
            }
        });
    }

    /**
     * A one-way stream whose window far exceeds the peer's buffer loses most of every batch: the
     * gaps and the probes keep the acknowledgements in step, the stream drains, and every datagram
     * sent was either consumed or counted as dropped.
     */
    @ParameterizedTest
    @EnumSource(FdWait.class)
    void aStreamThatLosesDatagramsDrainsAndCountsEveryLoss(FdWait wait) {
        assertTimeoutPreemptively(HANG, () -> {
            Params params = new Params("udp", Map.of("size", Integer.toString(SIZE), "wait", wait.name()));
            Messages messages = new Messages(SIZE, 64);
            try (Ends ends = Ends.open(wait, false)) {
                CompletableFuture<Void> sink = inThread(() -> OneWay.sink(ends.peer(), params, messages));
                long sent = 1024; // 32 batches of 32
                try (OneWay stream = OneWay.over(new InProcess(ends.benchmark(), params, messages))) {
                    for (long i = 0; i < sent; i++) {
                        stream.send();
                    }
                    assertEquals(sent, stream.drain(false), "every datagram acknowledged, consumed or counted as lost");
                } finally {
                    ends.peerDone().done.set(true);
                }
                assertThrows(CompletionException.class, sink::join);
                assertTrue(ends.peer().drops() > 0, "the peer's small buffer lost datagrams");
                assertEquals(ends.peer().drops(), ends.benchmark().drops(), "the benchmark knows the peer's count");
            }
        });
    }

    /** A verifying peer allows no loss: the placeholder for a lost datagram fails it, naming the message. */
    @ParameterizedTest
    @EnumSource(FdWait.class)
    void aVerifyingPeerFailsOnALoss(FdWait wait) {
        assertTimeoutPreemptively(HANG, () -> {
            Params params = new Params("udp", Map.of("size", Integer.toString(SIZE), "wait", wait.name(), "verify", "true"));
            Messages messages = new Messages(SIZE, 64);
            try (Ends ends = Ends.open(wait, false); OneWay stream = OneWay.over(new InProcess(ends.benchmark(), params, messages))) {
                stream.sendVerified();
                stream.sendVerified(); // dropped: the peer's buffer holds the first
                CompletableFuture<Void> sink = inThread(() -> OneWay.sink(ends.peer(), params, messages));
                CompletableFuture<Long> sender = CompletableFuture.supplyAsync(() -> stream.drain(true),
                        runnable -> Thread.ofPlatform().daemon().start(runnable));
                CompletionException failed = assertThrows(CompletionException.class, sink::join);
                assertTrue(failed.getCause().getMessage().contains("message 1 of 8192 bytes differs"), failed.getCause().getMessage());
                ends.benchmarkDone().done.set(true);
                assertThrows(CompletionException.class, sender::join, "the sender, its sink gone, stops at its next check");
            }
        });
    }

    /** On a thread of its own: the common pool may have a single thread, which a blocked end would hold. */
    private static CompletableFuture<Void> inThread(Runnable task) {
        return CompletableFuture.runAsync(task, runnable -> Thread.ofPlatform().daemon().start(runnable));
    }

    /** The benchmark's end of the in-process pair as the traffic sees a trial. */
    private record InProcess(Link link, Params params, Messages messages) implements Trial {
        @Override
        public void operationBegins() {}

        @Override
        public void progressed() {}

        @Override
        public void pinBenchmarkThread() {}

        @Override
        public void close() {}
    }
}
