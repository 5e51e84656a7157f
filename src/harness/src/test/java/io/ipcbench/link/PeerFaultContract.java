package io.ipcbench.link;

import io.ipcbench.os.NamedObjects;
import io.ipcbench.peer.AbandonedSessionMain;
import io.ipcbench.peer.PeerProcess;
import io.ipcbench.peer.Session;
import io.ipcbench.peer.Watchdog;
import io.ipcbench.traffic.OneWay;
import io.ipcbench.traffic.RoundTrip;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fault matrix every mechanism must survive, against a real peer process: the peer killed
 * (SIGKILL) before the handshake, mid-stream in both shapes, and while the sender waits for a
 * batch acknowledgement; the peer stopped (SIGSTOP); the peer exiting with an error of its own;
 * the benchmark JVM killed mid-run. The benchmark must fail within {@link #FAILURE_SECONDS} of the
 * fault (the watchdog's stall period more for a stopped peer) with a {@link PeerFailure} naming
 * the cause and the params, and the next run with the same params must start cleanly and carry
 * verified traffic, leaving nothing behind. Every fault is injected from outside the harness:
 * signals, a repeated message, a JVM that pauses before its first instruction.
 *
 * <p>A whole trial runs in one thread: signal links take their signals in the thread that opened
 * the session. Each case prints how long the benchmark took to fail, for the README's figures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PeerFaultContract {
    /** How soon after a fault the benchmark must fail. */
    protected static final long FAILURE_SECONDS = 15;
    /** How soon a peer whose benchmark JVM was killed must be gone. */
    private static final long ORPHAN_EXIT_SECONDS = 5;
    /** How long a sender must stay in one wait, the peer stopped, to count as stuck there. */
    private static final long STUCK_MILLIS = 300;
    /** Messages carried before a fault, and by the run after it. */
    private static final int MESSAGES = 200;

    protected abstract Mechanism mechanism();

    /** The params of every fault case: preferably a variant whose waits block in the kernel, and whose peer verifies. */
    protected abstract Params faultParams();

    /**
     * Makes the peer's own check fail: sends again the last of the {@code sent} verified messages,
     * which the verifying sink refuses. Returns a fragment of the peer's error text.
     */
    protected String repeatLastMessage(OneWay stream, long sent) {
        stream.send();
        return "message " + sent + " of " + stream.params().size() + " bytes differs at byte 0: it carries sequence number "
                + (sent - 1) + ", an earlier one: a message was repeated";
    }

    /**
     * Params under which the kernel object holds OneWay's whole window, so that the sender truly
     * waits for acknowledgements; empty, the default, where no variant can: a pipe holds 64 KiB, a
     * Unix socket about 200 KiB of buffers (a 64-byte message takes some 768), a queue 10 messages or
     * 16 KiB by default.
     */
    protected Optional<Params> windowHoldingParams() {
        return Optional.empty();
    }

    /** The named objects of process {@code pid} present now, wherever this mechanism puts them. */
    protected List<String> objectsOf(long pid) {
        return NamedObjects.presentFor(pid);
    }

    @Test
    void aPeerKilledBeforeTheHandshakeFailsTheBenchmarkQuicklyNamingTheCause(@TempDir Path scratch) {
        Params params = faultParams();
        // a JVM option, not a hook in the harness: the peer JVM pauses before running any code of ours
        Path paused = scratch.resolve("peer.paused");
        String peerJvmArgs = System.getProperty(Session.PEER_JVM_ARGS_PROPERTY, "");
        System.setProperty(Session.PEER_JVM_ARGS_PROPERTY,
                peerJvmArgs + " -XX:+UnlockDiagnosticVMOptions -XX:+PauseAtStartup -XX:PauseAtStartupFile=" + paused);
        AtomicLong struckAt = new AtomicLong();
        try {
            CompletableFuture<Void> killer = CompletableFuture.runAsync(() -> {
                awaitCondition("the peer JVM to pause at start-up", () -> Files.exists(paused));
                List<ProcessHandle> peers = ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList();
                assertEquals(1, peers.size(), "one peer starting: " + peers);
                struckAt.set(System.nanoTime());
                peers.getFirst().destroyForcibly();
            });
            PeerFailure failure = inOneThread(() -> failsAfter("killed before the handshake", struckAt::get,
                    () -> RoundTrip.start(mechanism(), params).close()));
            killer.join();
            assertNames(failure, params, "killed by SIGKILL");
        } finally {
            System.setProperty(Session.PEER_JVM_ARGS_PROPERTY, peerJvmArgs);
        }
        nextRunStartsCleanly(params);
    }

    @Test
    void aPeerKilledMidRoundTripFailsTheBenchmarkQuicklyNamingTheCause() {
        Params params = faultParams();
        PeerFailure failure = inOneThread(() -> {
            try (RoundTrip roundTrip = RoundTrip.start(mechanism(), params)) {
                for (long seq = 0; seq < MESSAGES; seq++) {
                    roundTrip.onceVerified(seq);
                }
                long struckAt = kill(roundTrip.session());
                return failsAfter("killed mid-stream, round trip", () -> struckAt, () -> {
                    for (long seq = MESSAGES; ; seq++) {
                        roundTrip.onceVerified(seq);
                    }
                });
            }
        });
        assertNames(failure, params, "killed by SIGKILL");
        nextRunStartsCleanly(params);
    }

    @Test
    void aPeerKilledMidOneWayStreamFailsTheBenchmarkQuicklyNamingTheCause() {
        Params params = faultParams();
        PeerFailure failure = inOneThread(() -> {
            try (OneWay stream = OneWay.start(mechanism(), params)) {
                for (int i = 0; i < MESSAGES; i++) {
                    stream.sendVerified();
                }
                long struckAt = kill(stream.session());
                return failsAfter("killed mid-stream, one-way", () -> struckAt, () -> {
                    while (true) {
                        stream.sendVerified();
                    }
                });
            }
        });
        assertNames(failure, params, "killed by SIGKILL");
        nextRunStartsCleanly(params);
    }

    /**
     * With {@link #windowHoldingParams}, the sender fills its window and waits for an
     * acknowledgement; the peer is stopped there, so that none can come, then killed, and the
     * failure's own stack shows that it was raised in that wait. Where the kernel object holds
     * less than OneWay's window (two batches, at least 128 KiB: a pipe, a Unix socket, a queue), the
     * acknowledgement is written before the sender could wait for it, and the sender never stays
     * there: the peer is killed while the sender waits in a send.
     */
    @Test
    void aPeerKilledWhileTheSenderAwaitsABatchAcknowledgementFailsTheBenchmarkQuickly() {
        Params params = windowHoldingParams().orElse(faultParams());
        boolean[] heldInTheWait = new boolean[1];
        PeerFailure failure = inOneThread(() -> {
            try (OneWay stream = OneWay.start(mechanism(), params)) {
                Thread sender = Thread.currentThread();
                AtomicLong sends = new AtomicLong();
                AtomicLong struckAt = new AtomicLong();
                CompletableFuture<Void> killer = CompletableFuture.runAsync(() -> {
                    try {
                        heldInTheWait[0] = stopWhileAwaitingAcknowledgement(stream.session(), sender, sends);
                    } finally {
                        struckAt.set(kill(stream.session()));
                    }
                });
                PeerFailure failed = failsAfter("killed while the sender awaits a batch acknowledgement", struckAt::get, () -> {
                    while (true) {
                        stream.sendVerified();
                        sends.incrementAndGet();
                    }
                });
                killer.join();
                return failed;
            }
        });
        assertNames(failure, params, "killed by SIGKILL");
        System.out.println("fault [killed while the sender awaits a batch acknowledgement]: " + params.describe() + ": "
                + (heldInTheWait[0] ? "the sender was held in the wait" : "the sender never stayed in the wait"));
        assertEquals(windowHoldingParams().isPresent(), heldInTheWait[0], "the sender was held waiting for an acknowledgement");
        assertEquals(heldInTheWait[0], awaitsAcknowledgement(failure.getStackTrace()), "raised while awaiting the acknowledgement: "
                + Arrays.toString(failure.getStackTrace()));
        nextRunStartsCleanly(params);
    }

    /**
     * Stops the peer once {@code sender} waits for an acknowledgement, and returns true if it stays
     * there (one already on its way lets it go on); otherwise lets the peer go on and tries again,
     * for a second and a half, then returns false, the peer stopped.
     */
    private static boolean stopWhileAwaitingAcknowledgement(Session session, Thread sender, AtomicLong sends) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
        while (System.nanoTime() < deadline) {
            if (!awaitsAcknowledgement(sender.getStackTrace())) {
                continue;
            }
            signal(session, "-STOP");
            long before = sends.get();
            pause(STUCK_MILLIS);
            if (sends.get() == before && awaitsAcknowledgement(sender.getStackTrace())) {
                return true;
            }
            signal(session, "-CONT");
        }
        signal(session, "-STOP");
        return false;
    }

    /** Both shapes at once, in two threads: their stalls overlap, so the case costs one stall period, not two. */
    @Test
    void aStoppedPeerIsKilledByTheWatchdogAndTheBenchmarkFailsNamingTheStall() {
        Params params = faultParams();
        long bound = Watchdog.STALL_SECONDS + FAILURE_SECONDS;
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<PeerFailure> roundTrip = CompletableFuture.supplyAsync(() -> {
                try (RoundTrip trial = RoundTrip.start(mechanism(), params)) {
                    for (long seq = 0; seq < MESSAGES; seq++) {
                        trial.onceVerified(seq);
                    }
                    long struckAt = stop(trial.session());
                    return failsAfter("stopped, round trip", bound, () -> struckAt, () -> {
                        for (long seq = MESSAGES; ; seq++) {
                            trial.onceVerified(seq);
                        }
                    });
                }
            }, threads);
            CompletableFuture<PeerFailure> oneWay = CompletableFuture.supplyAsync(() -> {
                try (OneWay trial = OneWay.start(mechanism(), params)) {
                    for (int i = 0; i < MESSAGES; i++) {
                        trial.sendVerified();
                    }
                    long struckAt = stop(trial.session());
                    return failsAfter("stopped, one-way", bound, () -> struckAt, () -> {
                        while (true) {
                            trial.sendVerified();
                        }
                    });
                }
            }, threads);
            Duration limit = Duration.ofSeconds(2 * PeerProcess.HANDSHAKE_TIMEOUT_SECONDS + bound);
            for (PeerFailure failure : assertTimeoutPreemptively(limit, () -> List.of(roundTrip.join(), oneWay.join()))) {
                assertNames(failure, params, "made no progress for " + Watchdog.STALL_SECONDS + " s");
                assertTrue(failure.getMessage().contains("T (stopped)"), failure.getMessage());
            }
        } finally {
            threads.shutdownNow();
        }
        nextRunStartsCleanly(params);
    }

    @Test
    void aPeerExitingWithAnErrorFailsTheBenchmarkWithThePeersErrorAndStatus() {
        Params params = faultParams();
        String[] reported = new String[1];
        PeerFailure failure = inOneThread(() -> {
            try (OneWay stream = OneWay.start(mechanism(), params)) {
                for (int i = 0; i < MESSAGES; i++) {
                    stream.sendVerified();
                }
                long struckAt = System.nanoTime();
                reported[0] = repeatLastMessage(stream, MESSAGES);
                return failsAfter("exits with an error", () -> struckAt, () -> {
                    while (true) {
                        stream.sendVerified();
                    }
                });
            }
        });
        assertNames(failure, params, "exited with status 1 ");
        assertTrue(failure.getMessage().contains("the peer reported: "), failure.getMessage());
        assertTrue(failure.getMessage().contains(reported[0]), "the peer's error, " + reported[0] + ", in: " + failure.getMessage());
        nextRunStartsCleanly(params);
    }

    @Test
    void aBenchmarkJvmKilledMidRunTakesItsPeerAlongAndTheNextRunSweepsWhatItLeft() throws Exception {
        Params params = faultParams();
        AbandonedSessionMain.Abandoned run = AbandonedSessionMain.launch("hang", mechanism(), params);
        long owner = run.benchmark().pid();
        List<String> created = objectsOf(owner);
        NamedObjects.sweepDeadOwners();
        assertEquals(created, objectsOf(owner), "a live owner's objects are not swept");

        assertTrue(running(run.peer()), "the peer " + run.peer() + " runs before its benchmark JVM is killed");
        run.benchmark().destroyForcibly().waitFor();
        long killedAt = System.nanoTime();
        // polled here: onExit() of a process that is not our child polls with growing sleeps
        long deadline = killedAt + TimeUnit.SECONDS.toNanos(ORPHAN_EXIT_SECONDS);
        while (running(run.peer())) {
            assertTrue(System.nanoTime() < deadline, "peer " + run.peer() + " still alive " + ORPHAN_EXIT_SECONDS + " s after its benchmark JVM was killed");
            pause(1);
        }
        report("benchmark JVM killed mid-run", params, "the peer was gone after", killedAt);

        // SIGKILL runs no hook: what the run created is left, unless another suite's sweep on this machine got there first
        List<String> left = objectsOf(owner);
        nextRunStartsCleanly(params);
        assertEquals(List.of(), objectsOf(owner), "the next run's start-up sweep removes what the killed run left: " + left);
    }

    /** A fresh session with the same params carries verified traffic both ways, and its peer finds nothing wrong. */
    protected void nextRunStartsCleanly(Params params) {
        inOneThread(() -> {
            try (RoundTrip roundTrip = RoundTrip.start(mechanism(), params)) {
                for (long seq = 0; seq < MESSAGES; seq++) {
                    roundTrip.onceVerified(seq);
                }
            }
            try (OneWay stream = OneWay.start(mechanism(), params)) {
                for (int i = 0; i < MESSAGES; i++) {
                    stream.sendVerified();
                }
                assertTrue(stream.drain(true) >= MESSAGES, "every message acknowledged");
                assertTrue(stream.session().peer().isAlive(), "the verifying peer found nothing wrong and still runs");
            }
            return null;
        });
    }

    @AfterEach
    void nothingIsLeftBehind() {
        for (ProcessHandle child : ProcessHandle.current().children().toList()) {
            child.onExit().orTimeout(PeerProcess.HANDSHAKE_TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
        }
        assertEquals(List.of(), liveChildren(), "peer processes still alive");
        assertEquals(List.of(), objectsOf(ProcessHandle.current().pid()), "named objects left behind");
    }

    protected static List<Long> liveChildren() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList();
    }

    private static <T> T inOneThread(ThrowingSupplier<T> trial) {
        return assertTimeoutPreemptively(Duration.ofSeconds(2 * PeerProcess.HANDSHAKE_TIMEOUT_SECONDS + FAILURE_SECONDS), trial);
    }

    private static PeerFailure failsAfter(String fault, LongSupplier struckAt, Executable traffic) {
        return failsAfter(fault, FAILURE_SECONDS, struckAt, traffic);
    }

    /** Runs {@code traffic} until it fails, and checks that it failed within {@code seconds} of the fault. */
    private static PeerFailure failsAfter(String fault, long seconds, LongSupplier struckAt, Executable traffic) {
        PeerFailure failure = assertThrows(PeerFailure.class, traffic, fault + ": the benchmark went on");
        long took = System.nanoTime() - struckAt.getAsLong();
        assertTrue(took < TimeUnit.SECONDS.toNanos(seconds), fault + ": failed " + TimeUnit.NANOSECONDS.toMillis(took)
                + " ms after the fault, more than " + seconds + " s");
        System.out.println("fault [" + fault + "]: failed " + TimeUnit.NANOSECONDS.toMillis(took) + " ms after the fault: "
                + failure.getMessage().lines().findFirst().orElse(""));
        return failure;
    }

    private static void report(String fault, Params params, String what, long since) {
        System.out.println("fault [" + fault + "]: " + params.describe() + ": " + what + " "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since) + " ms");
    }

    private static void assertNames(PeerFailure failure, Params params, String cause) {
        assertTrue(failure.getMessage().contains(cause), "names " + cause + ": " + failure.getMessage());
        assertTrue(failure.getMessage().contains(params.describe()), "names the params: " + failure.getMessage());
    }

    /**
     * Whether process {@code pid} runs: a zombie has exited (an orphan's is reaped by init, which
     * may take a second), so its state letter in /proc/pid/stat counts, not ProcessHandle.isAlive.
     */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean awaitsAcknowledgement(StackTraceElement[] stack) {
        return Arrays.stream(stack).anyMatch(frame -> frame.getClassName().equals(OneWay.class.getName())
                && frame.getMethodName().equals("awaitAck"));
    }

    private static long kill(Session session) {
        long at = System.nanoTime();
        ProcessHandle.of(session.peer().pid()).orElseThrow().destroyForcibly();
        return at;
    }

    private static long stop(Session session) {
        long at = System.nanoTime();
        signal(session, "-STOP");
        return at;
    }

    private static void signal(Session session, String signal) {
        try {
            long pid = session.peer().pid();
            assertEquals(0, new ProcessBuilder("kill", signal, Long.toString(pid)).start().waitFor(), "kill " + signal + " " + pid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code condition} every millisecond, for at most the handshake timeout. */
    private static void awaitCondition(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PeerProcess.HANDSHAKE_TIMEOUT_SECONDS);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "waited " + PeerProcess.HANDSHAKE_TIMEOUT_SECONDS + " s for " + what);
            pause(1);
        }
    }
}
