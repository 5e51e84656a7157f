package io.ipcbench.peer;

import io.ipcbench.link.Link;
import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Messages;
import io.ipcbench.link.Params;
import io.ipcbench.link.Role;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.os.PinnedCpus;
import io.ipcbench.os.Pinning;
import io.ipcbench.os.ResourceLimits;
import io.ipcbench.traffic.PeerLoop;
import io.ipcbench.traffic.Trial;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The benchmark side of one trial: parameters checked, named objects created, the peer JVM
 * started, pinned and connected, a watchdog over it. Its CPUs are claimed in {@link PinnedCpus},
 * which warns when another run pins to any of them. Closing it stops the peer and removes
 * every named object; a shutdown hook does the same for sessions JMH never tore down. In
 * remote mode ({@link Mechanism#remote}) the peer is a server that was already running: the
 * session connects to it instead, and closing the connection ends its part.
 *
 * <p>It reads both processes' OS costs ({@link #costs}) for a profiler, which may also ask for a
 * reading when the peer begins serving and a last one when the session begins to close
 * ({@link #readCostsAtOpenAndClose}): JMH runs the trial set-up inside the first iteration and the
 * trial tear-down, which closes the session, before its profilers read the last iteration, and
 * the peer can only be read while it runs.
 *
 * <p>A peer that profiles itself writes its flame graphs as it exits: closing waits longer for it,
 * and throws, once everything is closed, when a graph is missing or empty (the trial then fails).
 */
public final class Session implements Trial, CostedTrial {
    /** Extra JVM options for the peer, e.g. an async-profiler agent. */
    public static final String PEER_JVM_ARGS_PROPERTY = "ipcbench.peer.jvmArgs";

    private final Params params;
    private final Messages messages;
    private final Pinning.Plan cpus;
    private final NamedObjects names = new NamedObjects();
    private PeerProcess peer;
    private Watchdog watchdog;
    private Link link;
    /** The peer's flame graphs, when it profiles itself: checked once it has exited after a session that opened. */
    private Optional<FlameGraphs> flameGraphs = Optional.empty();
    private boolean served;
    /** Both processes' costs once the peer began serving, and when the session began to close. */
    private volatile CostReading opening;
    private CostReading closing;

    /** The sessions this JVM has opened so far, and the last of them: see {@link #onlyOpenedSince}. */
    private static long openedCount;
    private static CostedTrial lastOpened;
    private static volatile boolean costsAtOpenAndClose;

    private Session(Params params, Messages messages, Pinning.Plan cpus) {
        this.params = params;
        this.messages = messages;
        this.cpus = cpus;
    }

    /** Opens the trial's session; the peer profiles itself when {@code flameGraphs} is present. */
    public static Session open(Mechanism mechanism, Params params, Role role, Optional<FlameGraphs> flameGraphs) {
        check(mechanism, params);
        Messages messages = mechanism.messages(params);
        Pinning.Plan cpus = params.pinning().plan();
        ResourceLimits.requireDescriptorsForTrial(params.describe());
        Optional<Mechanism.Remote> remote = mechanism.remote(params);
        NamedObjects.sweepDeadOwners();
        Session session = new Session(params, messages, cpus);
        Cleanup.register(session);
        try {
            PinnedCpus.claim(cpus.cpus(), session.names);
            if (remote.isPresent()) {
                session.connect(remote.get(), role);
            } else {
                session.startPeer(mechanism, role, flameGraphs);
            }
            session.watchdog.start();
            if (costsAtOpenAndClose) {
                session.opening = CostReading.of(session.peer);
            }
            opened(session);
            session.served = true;
            return session;
        } catch (RuntimeException | Error e) {
            session.close();
            throw e;
        }
    }

    /**
     * What {@link #open} checks before it creates anything, alone: the mechanism's params, its
     * messages, the pinning plan and the remote mode's address. Throws naming what is refused.
     */
    public static void check(Mechanism mechanism, Params params) {
        mechanism.validate(params);
        mechanism.messages(params);
        params.pinning().plan();
        mechanism.remote(params);
    }

    private void startPeer(Mechanism mechanism, Role role, Optional<FlameGraphs> flameGraphs) {
        Mechanism.Offer offer = mechanism.offer(params, names);
        this.flameGraphs = flameGraphs;
        peer = PeerProcess.start(params.describe(), command(mechanism, role, offer.forPeer(), flameGraphs), cpus.otherThreads());
        watchdog = new Watchdog(peer);
        link = offer.connect(peer, watchdog);
        peer.awaitReady();
        peer.go();
    }

    /** Remote mode: no peer JVM, no named objects; the watchdog judges the server by its connection. */
    private void connect(Mechanism.Remote remote, Role role) {
        watchdog = new Watchdog(new RemotePeer(params.describe(), remote));
        link = remote.connect(role, watchdog);
    }

    /**
     * The one session open in this JVM (with one peer or several), as profilers need it; empty
     * when none or several are open (a JMH fork runs one trial at a time).
     */
    public static Optional<CostedTrial> onlyOpen() {
        List<CostedTrial> open = Cleanup.open(CostedTrial.class);
        return open.size() == 1 ? Optional.of(open.getFirst()) : Optional.empty();
    }

    /**
     * From now on, every session of this JVM reads both processes' costs once the peer serves
     * ({@link #opening}) and when it begins to close ({@link #costs}); a profiler asks for this,
     * other sessions spare the peer the two questions.
     */
    public static void readCostsAtOpenAndClose() {
        costsAtOpenAndClose = true;
    }

    /** Whether a profiler asked for {@link #readCostsAtOpenAndClose}. */
    static boolean readsCostsAtOpenAndClose() {
        return costsAtOpenAndClose;
    }

    /** How many sessions this JVM has opened so far: a mark for {@link #onlyOpenedSince}. */
    public static synchronized long openedSoFar() {
        return openedCount;
    }

    /**
     * The session opened since {@code mark} (an earlier {@link #openedSoFar}), open or closed by
     * now; empty unless exactly one was. JMH sets the trial up inside its first iteration, after a
     * profiler's first look: this is how the profiler finds the session that iteration opened.
     */
    public static synchronized Optional<CostedTrial> onlyOpenedSince(long mark) {
        return openedCount == mark + 1 ? Optional.of(lastOpened) : Optional.empty();
    }

    static synchronized void opened(CostedTrial session) {
        openedCount++;
        lastOpened = session;
    }

    /**
     * Both processes' OS costs now, or, once the session has begun to close, as they were then:
     * after the last iteration's tear-down, before the peer was told to stop.
     */
    @Override
    public synchronized CostReading costs() {
        return closing != null ? closing : CostReading.of(peer);
    }

    /** Both processes' OS costs when the peer had just begun serving, the end of {@link #open}; null unless asked for. */
    @Override
    public CostReading opening() {
        return opening;
    }

    @Override
    public Link link() {
        return link;
    }

    @Override
    public void operationBegins() {
        watchdog.operationBegins();
    }

    @Override
    public void progressed() {
        watchdog.progressed();
    }

    @Override
    public Params params() {
        return params;
    }

    @Override
    public Messages messages() {
        return messages;
    }

    /** The forked peer JVM; null in remote mode, where the peer is a server elsewhere. */
    public PeerProcess peer() {
        return peer;
    }

    /** Pins the calling (measuring) thread as the plan says; JMH may change threads between iterations. */
    @Override
    public void pinBenchmarkThread() {
        cpus.pinCurrentThreadAsBenchmark();
    }

    @Override
    public synchronized void close() {
        if (opening != null && closing == null) {
            closing = CostReading.of(peer);
        }
        if (link != null) {
            link.close();
            link = null;
        }
        if (peer != null) {
            peer.close(flameGraphs.isPresent() ? FlameGraphs.DUMP_SECONDS : PeerProcess.EXIT_SECONDS);
        }
        if (watchdog != null) {
            watchdog.close();
        }
        names.close();
        Cleanup.unregister(this);
        if (served) {
            flameGraphs.ifPresent(flame -> flame.requireWrittenBy(peer));
        }
    }

    /** The java command of a peer JVM, up to its class path: its JVM options, the profiler's, and {@link #PEER_JVM_ARGS_PROPERTY}'s. */
    static List<String> peerJvm(Optional<FlameGraphs> flameGraphs) {
        List<String> command = new ArrayList<>(List.of(PeerProcess.javaBinary(),
                "--enable-native-access=ALL-UNNAMED", "-Xms32m", "-Xmx512m", "-XX:+UseSerialGC"));
        command.addAll(PeerLoop.JIT_OPTIONS);
        flameGraphs.ifPresent(flame -> command.addAll(flame.peerJvmOptions()));
        String extra = System.getProperty(PEER_JVM_ARGS_PROPERTY, "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        return command;
    }

    private List<String> command(Mechanism mechanism, Role role, Map<String, String> offered, Optional<FlameGraphs> flameGraphs) {
        List<String> command = peerJvm(flameGraphs);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PeerMain.class.getName(),
                mechanism.getClass().getName(), role.name(), Long.toString(ProcessHandle.current().pid()),
                Integer.toString(cpus.peerCpu())));
        command.addAll(params.toArgs());
        command.add("--");
        offered.forEach((k, v) -> command.add(k + "=" + v));
        return command;
    }
}
