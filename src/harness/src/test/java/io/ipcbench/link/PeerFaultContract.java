package io.ipcbench.link;

import io.ipcbench.os.NamedObjects;
import io.ipcbench.os.Pinning;
import io.ipcbench.peer.AbandonedSessionMain;
import io.ipcbench.peer.PeerTraffic;
import io.ipcbench.peer.Session;
import io.ipcbench.peer.Watchdog;
import io.ipcbench.soak.Soak;
import io.ipcbench.soak.SoakPlan;
import io.ipcbench.soak.SoakSummary;
import io.ipcbench.traffic.OneWay;
import io.ipcbench.traffic.RoundTrip;
import io.ipcbench.traffic.Traffic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fault matrix every mechanism must survive, against a real peer process: the peer killed
 * (SIGKILL) before the handshake, mid-stream in both shapes, and while the sender waits for a
 * batch acknowledgement; the peer stopped (SIGSTOP); the peer exiting with an error of its own;
 * the benchmark JVM killed mid-run. The benchmark must fail within {@link #FAILURE_SECONDS} of a
 * kill or an error and {@link #STOP_SECONDS} of a stop, with a
 * {@link PeerFailure} naming the cause and the params, and the next run with the same params must
 * start cleanly and carry verified traffic, leaving nothing behind. Every fault is injected from
 * outside the harness: signals, a repeated message, a JVM that pauses before its first instruction.
 *
 * <p>The whole matrix runs with {@link #faultParams}, a variant whose waits block in the kernel.
 * Each of {@link #otherWaits}, the variants that wait another way (spinning, polling, sleeping on a
 * semaphore), runs the cases that reach its own waits: killed mid-stream in both shapes, stopped,
 * and, where its named objects differ, the killed benchmark JVM. The rest reach no wait of a
 * variant's own: the handshake waits are the set-up's, an acknowledgement is received through the
 * wait a round trip's reply is, and a peer exiting with an error is noticed as a killed one is.
 *
 * <p>A whole trial runs in one thread: signal links take their signals in the thread that opened
 * the session. Each case prints how long the benchmark took to fail, for the figures in
 * docs/hardening.md ("Faults").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PeerFaultContract implements Exercised {
    /**
     * How soon after a kill or an error the benchmark must fail, and a peer whose benchmark JVM was
     * killed be gone. A wait notices a dead peer at once (end of file, a broken pipe, the eventfd
     * exit bell, a removed queue) or at its next liveness check: a spinning or polling wait checks
     * every 4096 turns, a timed wait (semaphore, futex, datagram socket, POSIX queue, signal) every
     * 200 ms; the failure then waits for the exit status and the peer's last output (up to 2 s and
     * 1 s, for a peer slow to die). A peer that finds an error prints it and exits its JVM first.
     * Measured on 2 vCPUs shared with other builds (load average 18 to 30), and with every process
     * on one of them (taskset -c 0): every kill of every variant failed within 0.45 s, every error
     * within 1.2 s. 5 s holds what the waits above allow with room for a busier machine, and fails
     * a wait that notices a death seconds late.
     */
    public static final long FAILURE_SECONDS = 5;
    /**
     * How soon after SIGSTOP the benchmark must fail: the watchdog's stall bound, its 250 ms between
     * looks, then what a kill takes (measured in the same runs: 10.2 to 12.9 s, once 13.5 s at load
     * average 30); never sooner than the stall bound itself, which counts from the first operation
     * after the stop.
     */
    static final long STOP_SECONDS = Watchdog.STALL_SECONDS + FAILURE_SECONDS;
    /** How long a sender must stay in one wait, the peer stopped, to count as stuck there. */
    private static final long STUCK_MILLIS = 300;
    /** The messages of the soak in {@code mvn verify}, all variants together. */
    static final long SOAK_MESSAGES = 1_000_000;
    static final int SOAK_SIZES_PER_VARIANT = 2;
    /** Messages carried before a fault, and by the run after it. */
    private static final int MESSAGES = 200;
    /** A named object's role: what follows the owner's pid and the 16-digit token. */
    private static final Pattern ROLE = Pattern.compile(NamedObjects.PREFIX + "-\\d+-[0-9a-f]{16}-(.+)$");

    protected abstract Mechanism mechanism();

    /** The params of every fault case: preferably a variant whose waits block in the kernel, and whose peer verifies. */
    protected abstract Params faultParams();

    /** Variants whose waits differ from {@link #faultParams}'s (spinning, polling, semaphores), each faulted where its waits are reached. */
    protected List<Params> otherWaits() {
        return List.of();
    }

    /**
     * The roles of the named objects a session with {@code params} creates (what follows the owner's
     * pid and the token in each name: "rings", "fifo", "to-peer-room"...); none by default.
     */
    protected List<String> objectRoles(Params params) {
        return List.of();
    }

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
     * Params under which the kernel object holds OneWay's window, so that the sender truly
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

    /** Every set of params the tests of this class carry traffic with (or see refused): what the benchmarks' params are checked against. */
    public Stream<Params> exercised() {
        return Stream.of(faultVariants().stream(), windowHoldingParams().stream(), Arrays.stream(Pinning.values()).map(this::pinned))
                .flatMap(s -> s);
    }

    /** {@link #faultParams} first, then {@link #otherWaits}. */
    final List<Params> faultVariants() {
        return Stream.concat(Stream.of(faultParams()), otherWaits().stream()).toList();
    }

    /** The fault variants whose named objects differ from those of every variant before them: what the sweep must remove. */
    final List<Params> sweepVariants() {
        List<List<String>> seen = new ArrayList<>();
        return faultVariants().stream().filter(params -> {
            List<String> roles = objectRoles(params).stream().sorted().toList();
            return !seen.contains(roles) && seen.add(roles);
        }).toList();
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
                Faults.awaitCondition("the peer JVM to pause at start-up", ForkedPeer.HANDSHAKE_TIMEOUT_SECONDS, () -> Files.exists(paused));
                List<ProcessHandle> peers = ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList();
                assertEquals(1, peers.size(), "one peer starting: " + peers);
                struckAt.set(System.nanoTime());
                peers.getFirst().destroyForcibly();
            });
            PeerFailure failure = inOneThread(() -> failsAfter("killed before the handshake", params, FAILURE_SECONDS, struckAt::get,
                    () -> PeerTraffic.roundTrip(mechanism(), params).close()));
            killer.join();
            assertNames(failure, params, "killed by SIGKILL");
        } finally {
            System.setProperty(Session.PEER_JVM_ARGS_PROPERTY, peerJvmArgs);
        }
        nextRunStartsCleanly(params);
    }

    /** Killed after 200 verified messages, first a round trip's peer, then a one-way stream's. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("faultVariants")
    void aPeerKilledMidStreamFailsTheBenchmarkQuicklyNamingTheCause(Params params) {
        for (Function<Params, Traffic> shape : List.<Function<Params, Traffic>>of(this::roundTrip, this::oneWay)) {
            PeerFailure failure = inOneThread(() -> {
                try (Traffic trial = shape.apply(params)) {
                    carry(trial, 0, MESSAGES);
                    long struckAt = Faults.kill(PeerTraffic.session(trial));
                    return failsAfter("killed mid-stream, " + shapeOf(trial), params, FAILURE_SECONDS, () -> struckAt,
                            () -> carry(trial, MESSAGES, Long.MAX_VALUE));
                }
            });
            assertNames(failure, params, "killed by SIGKILL");
        }
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
            try (OneWay stream = PeerTraffic.oneWay(mechanism(), params)) {
                Thread sender = Thread.currentThread();
                AtomicLong sends = new AtomicLong();
                AtomicLong struckAt = new AtomicLong();
                CompletableFuture<Void> killer = CompletableFuture.runAsync(() -> {
                    try {
                        heldInTheWait[0] = stopWhileAwaitingAcknowledgement(PeerTraffic.session(stream), sender, sends);
                    } finally {
                        struckAt.set(Faults.kill(PeerTraffic.session(stream)));
                    }
                });
                String fault = "killed while the sender awaits a batch acknowledgement";
                PeerFailure failed = failsAfter(fault, params, FAILURE_SECONDS, struckAt::get, () -> {
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
            Faults.signal(session, "-STOP");
            long before = sends.get();
            pause(STUCK_MILLIS);
            if (sends.get() == before && awaitsAcknowledgement(sender.getStackTrace())) {
                return true;
            }
            Faults.signal(session, "-CONT");
        }
        Faults.signal(session, "-STOP");
        return false;
    }

    /**
     * Every fault variant in both shapes at once, each in a thread of its own: their stalls overlap,
     * so the case costs one stall period, not one per trial. The sessions open one at a time, so
     * that peer JVMs starting together on a busy machine do not stretch any handshake.
     */
    @Test
    void aStoppedPeerIsKilledByTheWatchdogAndTheBenchmarkFailsNamingTheStall() {
        List<Params> variants = faultVariants();
        ExecutorService threads = Executors.newFixedThreadPool(2 * variants.size());
        Semaphore opening = new Semaphore(1);
        try {
            List<CompletableFuture<PeerFailure>> trials = new ArrayList<>();
            for (Params params : variants) {
                for (Function<Params, Traffic> shape : List.<Function<Params, Traffic>>of(this::roundTrip, this::oneWay)) {
                    trials.add(CompletableFuture.supplyAsync(() -> stoppedPeer(params, shape, opening), threads));
                }
            }
            Duration limit = Duration.ofSeconds(trials.size() * ForkedPeer.HANDSHAKE_TIMEOUT_SECONDS + STOP_SECONDS);
            List<PeerFailure> failures = withinOrDumpThreads(limit, () -> trials.stream().map(CompletableFuture::join).toList());
            for (int i = 0; i < failures.size(); i++) {
                Params params = variants.get(i / 2);
                assertNames(failures.get(i), params, "made no progress for " + Watchdog.STALL_SECONDS + " s");
                assertTrue(failures.get(i).getMessage().contains("T (stopped)"), failures.get(i).getMessage());
            }
        } finally {
            threads.shutdownNow();
        }
        nextRunStartsCleanly(faultParams());
    }

    private PeerFailure stoppedPeer(Params params, Function<Params, Traffic> shape, Semaphore opening) {
        opening.acquireUninterruptibly();
        boolean opened = false;
        try (Traffic trial = shape.apply(params)) {
            carry(trial, 0, MESSAGES);
            opening.release();
            opened = true;
            long struckAt = Faults.stop(PeerTraffic.session(trial));
            String fault = "stopped, " + shapeOf(trial);
            PeerFailure failure = failsAfter(fault, params, STOP_SECONDS, () -> struckAt, () -> carry(trial, MESSAGES, Long.MAX_VALUE));
            long took = System.nanoTime() - struckAt;
            // the watchdog judges a stall only from the first operation after the stop
            assertTrue(took >= TimeUnit.SECONDS.toNanos(Watchdog.STALL_SECONDS), fault + " " + params.describe() + ": failed after "
                    + TimeUnit.NANOSECONDS.toMillis(took) + " ms, before the watchdog's " + Watchdog.STALL_SECONDS + " s");
            return failure;
        } finally {
            if (!opened) {
                opening.release();
            }
        }
    }

    @Test
    void aPeerExitingWithAnErrorFailsTheBenchmarkWithThePeersErrorAndStatus() {
        Params params = faultParams();
        String[] reported = new String[1];
        PeerFailure failure = inOneThread(() -> {
            try (OneWay stream = PeerTraffic.oneWay(mechanism(), params)) {
                carry(stream, 0, MESSAGES);
                long struckAt = System.nanoTime();
                reported[0] = repeatLastMessage(stream, MESSAGES);
                return failsAfter("exits with an error", params, FAILURE_SECONDS, () -> struckAt, () -> carry(stream, MESSAGES, Long.MAX_VALUE));
            }
        });
        assertNames(failure, params, "exited with status 1 ");
        assertTrue(failure.getMessage().contains("the peer reported: "), failure.getMessage());
        assertTrue(failure.getMessage().contains(reported[0]), "the peer's error, " + reported[0] + ", in: " + failure.getMessage());
        nextRunStartsCleanly(params);
    }

    /**
     * The killed JVM's objects exist before the kill (each role the variant creates, checked, so
     * that a sweep of nothing cannot pass), stay while it lives, and are gone once the next run
     * has started: its start-up sweep removes them.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("sweepVariants")
    void aBenchmarkJvmKilledMidRunTakesItsPeerAlongAndTheNextRunSweepsWhatItLeft(Params params) throws Exception {
        AbandonedSessionMain.Abandoned run = AbandonedSessionMain.launch("hang", mechanism(), params);
        long owner = run.benchmark().pid();
        List<String> created = objectsOf(owner);
        assertEquals(objectRoles(params).stream().sorted().toList(), created.stream().map(PeerFaultContract::role).sorted().toList(),
                "the named objects of a live session of " + params.describe() + ": " + created);
        NamedObjects.sweepDeadOwners();
        assertEquals(created, objectsOf(owner), "a live owner's objects are not swept");

        assertTrue(Faults.running(run.peer()), "the peer " + run.peer() + " runs before its benchmark JVM is killed");
        run.benchmark().destroyForcibly().waitFor();
        long killedAt = System.nanoTime();
        // polled here: onExit() of a process that is not our child polls with growing sleeps
        Faults.awaitCondition("peer " + run.peer() + " to go after its benchmark JVM was killed", FAILURE_SECONDS, () -> !Faults.running(run.peer()));
        report("benchmark JVM killed mid-run", params, "the peer was gone after", killedAt);

        // SIGKILL runs no hook: what the run created is left, unless another suite's sweep on this machine got there
        // first; with other suites running, their sweeps may also remove what this one's fails to, which only a
        // machine running one suite at a time (CI) tells apart
        List<String> left = objectsOf(owner);
        assertTrue(created.containsAll(left), "left by the killed run: " + left + ", of " + created);
        System.out.println("fault [benchmark JVM killed mid-run]: " + params.describe() + ": left " + left + " for the next run's sweep");
        nextRunStartsCleanly(params);
        assertEquals(List.of(), objectsOf(owner), "the next run's start-up sweep removes what the killed run left: " + left);
    }

    /** Each pinning carries verified traffic both ways; cross-core needs two cores, and is skipped, saying so, where there is one. */
    @ParameterizedTest
    @EnumSource(Pinning.class)
    void everyPinningCarriesVerifiedTraffic(Pinning pinning) {
        try {
            pinning.plan();
        } catch (IllegalStateException oneCore) {
            System.out.println("SKIPPED " + getClass().getSimpleName() + " pinning " + pinning + ": " + oneCore.getMessage());
            Assumptions.abort(oneCore.getMessage());
        }
        nextRunStartsCleanly(pinned(pinning));
    }

    private Params pinned(Pinning pinning) {
        return faultParams().with(Map.of("pinning", pinning.name()));
    }

    /** A fresh session with the same params carries verified traffic both ways, and its peer finds nothing wrong. */
    protected void nextRunStartsCleanly(Params params) {
        inOneThread(() -> {
            try (RoundTrip roundTrip = PeerTraffic.roundTrip(mechanism(), params)) {
                carry(roundTrip, 0, MESSAGES);
            }
            try (OneWay stream = PeerTraffic.oneWay(mechanism(), params)) {
                carry(stream, 0, MESSAGES);
                assertTrue(stream.drain(true) >= MESSAGES, "every message acknowledged");
                assertTrue(PeerTraffic.session(stream).peer().isAlive(), "the verifying peer found nothing wrong and still runs");
            }
            return null;
        });
    }

    /**
     * The mechanism is found where the soak and the runner look for it (its module's
     * META-INF/services/io.ipcbench.link.Mechanism) and declares the variants its soak runs.
     */
    @Test
    void theSoakFindsTheMechanismAndItsVariants() {
        SoakPlan plan = SoakPlan.of(mechanism().name());
        assertEquals(mechanism().getClass(), plan.mechanism().getClass(), "the mechanism registered under " + mechanism().name());
        assertFalse(plan.variants().isEmpty(), mechanism().name() + " declares no variant to soak");
    }

    /**
     * The soak, bounded for {@code mvn verify}: every variant the mechanism declares, in both shapes
     * at two sizes each (small and large in turn), at least {@link #SOAK_MESSAGES} messages in all,
     * every one checked. The summary is written to target/soak/MECHANISM.md.
     */
    @Test
    void theSoakCarriesEveryMessageOnceInOrderIntact() throws IOException {
        SoakPlan plan = SoakPlan.of(mechanism().name());
        SoakSummary summary = Soak.run(plan, SOAK_MESSAGES, SOAK_SIZES_PER_VARIANT, result -> {});
        Path file = Files.createDirectories(Path.of("target", "soak")).resolve(plan.name() + ".md");
        Files.writeString(file, summary.markdown());
        System.out.println("soak " + summary.verdict());
        assertEquals(0, summary.failures(), summary::verdict);
        assertTrue(summary.messages() >= SOAK_MESSAGES, summary::verdict);
        long singleSized = plan.variants().stream().filter(v -> v.payload() != Variant.Payload.PATTERNED).count();
        assertEquals(plan.variants().size() * SOAK_SIZES_PER_VARIANT - singleSized, summary.results().size(),
                "sessions: every variant at two sizes (one for signals, which have no size, and the eventfd counter, which has one)");
    }

    @AfterEach
    void nothingIsLeftBehind() {
        for (ProcessHandle child : ProcessHandle.current().children().toList()) {
            child.onExit().orTimeout(ForkedPeer.HANDSHAKE_TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
        }
        assertEquals(List.of(), liveChildren(), "peer processes still alive");
        assertEquals(List.of(), objectsOf(ProcessHandle.current().pid()), "named objects left behind");
    }

    protected static List<Long> liveChildren() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList();
    }

    private RoundTrip roundTrip(Params params) {
        return PeerTraffic.roundTrip(mechanism(), params);
    }

    private OneWay oneWay(Params params) {
        return PeerTraffic.oneWay(mechanism(), params);
    }

    private static String shapeOf(Traffic trial) {
        return trial instanceof RoundTrip ? "round trip" : "one-way";
    }

    /** Verified messages {@code from} to {@code to} (exclusive): round trips so numbered, or sent one way (the stream numbers its own). */
    private static void carry(Traffic trial, long from, long to) {
        for (long seq = from; seq < to; seq++) {
            if (trial instanceof RoundTrip roundTrip) {
                roundTrip.onceVerified(seq);
            } else {
                ((OneWay) trial).sendVerified();
            }
        }
    }

    private static String role(String name) {
        Matcher role = ROLE.matcher(Path.of(name).getFileName().toString());
        return role.find() ? role.group(1) : name;
    }

    private static <T> T inOneThread(ThrowingSupplier<T> trial) {
        return withinOrDumpThreads(Duration.ofSeconds(2 * ForkedPeer.HANDSHAKE_TIMEOUT_SECONDS + STOP_SECONDS), trial);
    }

    /**
     * {@code work} within {@code limit}, else the test fails; a second before the limit, every
     * thread's stack is printed first, while the stuck ones still sit where they are stuck (the
     * failure interrupts them).
     */
    private static <T> T withinOrDumpThreads(Duration limit, ThrowingSupplier<T> work) {
        Thread dump = Thread.ofPlatform().daemon().name("ipcbench-test-thread-dump").unstarted(() -> {
            try {
                Thread.sleep(limit.minusSeconds(1));
            } catch (InterruptedException finished) {
                return;
            }
            StringBuilder stacks = new StringBuilder("still running " + limit.minusSeconds(1).toSeconds() + " s after the start; every thread:\n");
            Thread.getAllStackTraces().forEach((thread, frames) -> {
                stacks.append('"').append(thread.getName()).append("\" ").append(thread.getState()).append('\n');
                for (StackTraceElement frame : frames) {
                    stacks.append("    at ").append(frame).append('\n');
                }
            });
            System.out.println(stacks);
        });
        dump.start();
        try {
            return assertTimeoutPreemptively(limit, work);
        } finally {
            dump.interrupt();
        }
    }

    /** Runs {@code traffic} until it fails, and checks that it failed within {@code seconds} of the fault. */
    private static PeerFailure failsAfter(String fault, Params params, long seconds, LongSupplier struckAt, Executable traffic) {
        PeerFailure failure = assertThrows(PeerFailure.class, traffic, fault + ": the benchmark went on");
        long took = System.nanoTime() - struckAt.getAsLong();
        System.out.println("fault [" + fault + "]: failed " + TimeUnit.NANOSECONDS.toMillis(took) + " ms after the fault: "
                + failure.getMessage().lines().findFirst().orElse(""));
        assertTrue(took < TimeUnit.SECONDS.toNanos(seconds), fault + " " + params.describe() + ": failed "
                + TimeUnit.NANOSECONDS.toMillis(took) + " ms after the fault, more than " + seconds + " s");
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

    private static boolean awaitsAcknowledgement(StackTraceElement[] stack) {
        return Arrays.stream(stack).anyMatch(frame -> frame.getClassName().equals(OneWay.class.getName())
                && frame.getMethodName().equals("awaitAck"));
    }

    protected static void pause(long millis) {
        Faults.pause(millis);
    }
}
