package io.ipcbench.peer;

import io.ipcbench.link.Link;
import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Params;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.os.Pinning;
import io.ipcbench.traffic.Channel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The benchmark side of one trial: parameters checked, named objects created, the peer JVM
 * started, pinned and connected, a watchdog over it. Closing it stops the peer and removes
 * every named object; a shutdown hook does the same for sessions JMH never tore down.
 */
public final class Session implements Channel {
    /** Extra JVM options for the peer, e.g. an async-profiler agent. */
    public static final String PEER_JVM_ARGS_PROPERTY = "ipcbench.peer.jvmArgs";

    private final Params params;
    private final Pinning.Plan cpus;
    private final NamedObjects names = new NamedObjects();
    private PeerProcess peer;
    private Watchdog watchdog;
    private Link link;

    private Session(Params params, Pinning.Plan cpus) {
        this.params = params;
        this.cpus = cpus;
    }

    public static Session open(Mechanism mechanism, Params params, Role role) {
        return open(mechanism, params, role, Optional.empty());
    }

    /** As {@link #open(Mechanism, Params, Role)}, with the peer profiling itself when {@code flameGraphs} is present. */
    public static Session open(Mechanism mechanism, Params params, Role role, Optional<FlameGraphs> flameGraphs) {
        params.size();
        mechanism.validate(params);
        Pinning.Plan cpus = params.pinning().plan();
        NamedObjects.sweepDeadOwners();
        Session session = new Session(params, cpus);
        Cleanup.register(session);
        try {
            Mechanism.Offer offer = mechanism.offer(params, session.names);
            session.peer = PeerProcess.start(params.describe(),
                    command(mechanism, role, params, offer.forPeer(), cpus.peerCpu(), flameGraphs));
            session.watchdog = new Watchdog(session.peer);
            session.link = offer.connect(session.peer, session.watchdog);
            session.peer.awaitReady();
            session.peer.go();
            session.watchdog.start();
            return session;
        } catch (RuntimeException | Error e) {
            session.close();
            throw e;
        }
    }

    /**
     * The pid of the peer of the one session open in this JVM, as profilers need it; empty when
     * none or several are open (a JMH fork runs one trial at a time).
     */
    public static OptionalLong onlyPeerPid() {
        List<Session> open = Cleanup.open(Session.class);
        return open.size() == 1 && open.getFirst().peer != null
                ? OptionalLong.of(open.getFirst().peer.pid()) : OptionalLong.empty();
    }

    @Override
    public Link link() {
        return link;
    }

    @Override
    public void progressed() {
        watchdog.progressed();
    }

    public Watchdog watchdog() {
        return watchdog;
    }

    @Override
    public Params params() {
        return params;
    }

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
        if (link != null) {
            link.close();
            link = null;
        }
        if (peer != null) {
            peer.close();
        }
        if (watchdog != null) {
            watchdog.close();
        }
        names.close();
        Cleanup.unregister(this);
    }

    private static List<String> command(Mechanism mechanism, Role role, Params params, Map<String, String> offered, int cpu,
                                        Optional<FlameGraphs> flameGraphs) {
        List<String> command = new ArrayList<>(List.of(PeerProcess.javaBinary(),
                "--enable-native-access=ALL-UNNAMED", "-Xms32m", "-Xmx512m", "-XX:+UseSerialGC"));
        flameGraphs.ifPresent(flame -> command.addAll(flame.peerJvmOptions()));
        String extra = System.getProperty(PEER_JVM_ARGS_PROPERTY, "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PeerMain.class.getName(),
                mechanism.getClass().getName(), role.name(), Long.toString(ProcessHandle.current().pid()), Integer.toString(cpu)));
        command.addAll(params.toArgs());
        command.add("--");
        offered.forEach((k, v) -> command.add(k + "=" + v));
        return command;
    }
}
