package io.ipcbench.peer;

import io.ipcbench.link.ForkedPeer;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.PeerFailure;
import io.ipcbench.os.ProcessCost;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * The peer JVMs of a trial with several, each named by its role ("producer 3 of 8", "the
 * server", "client 2 of 4") in every failure: they are spawned at once and awaited together
 * (one handshake bound for all), each has its own {@link Watchdog}, the first to exit is noted
 * for the benchmark's next operation to see ({@link #throwIfOneExited}), and closing tells them
 * all to exit at once, then waits for each and kills any still there.
 */
final class PeerGroup implements AutoCloseable {
    /** How long a failure waits for the process behind a closed connection to be seen exiting. */
    private static final long EXIT_SEEN_MILLIS = 2000;

    private final String description;
    private final List<PeerProcess> peers = new ArrayList<>();
    private final List<Watchdog> watchdogs = new ArrayList<>();
    /** The first peer seen to exit; a volatile read per operation tells the benchmark. */
    private volatile PeerProcess exited;
    /** What the trial's kernel object must do when any peer exits (a System V queue is removed, the only event that wakes msgrcv). */
    private volatile Runnable whenOneExits = () -> {};
    private volatile CostReading opening;
    private CostReading closing;

    PeerGroup(String description) {
        this.description = description;
    }

    /** Spawns one peer JVM named {@code name} (it starts in parallel with the others), its threads on {@code cpus}. */
    PeerProcess start(String name, List<String> command, SortedSet<Integer> cpus) {
        return start(name, command, cpus, Watchdog.STALL_SECONDS);
    }

    /** The same, its watchdog killing it after {@code stallSeconds} without progress. */
    PeerProcess start(String name, List<String> command, SortedSet<Integer> cpus, long stallSeconds) {
        PeerProcess peer = PeerProcess.start(description, name, command, cpus);
        peers.add(peer);
        peer.onExit().thenRun(() -> exited(peer));
        watchdogs.add(new Watchdog(peer, stallSeconds));
        return peer;
    }

    private void exited(PeerProcess peer) {
        synchronized (this) {
            if (exited == null) {
                exited = peer;
            }
        }
        whenOneExits.run();
    }

    /** Runs {@code action} each time a peer exits, on the thread that saw it. */
    void whenOneExits(Runnable action) {
        whenOneExits = action;
    }

    /** Waits for every peer's READY, all within one {@link ForkedPeer#HANDSHAKE_TIMEOUT_SECONDS} from now. */
    void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ForkedPeer.HANDSHAKE_TIMEOUT_SECONDS);
        peers.forEach(peer -> peer.awaitReady(deadline));
    }

    /** Tells every peer to begin, and starts watching each for stalls. */
    void go() {
        peers.forEach(PeerProcess::go);
        watchdogs.forEach(Watchdog::start);
    }

    /** Throws naming the first peer that exited, if one has. */
    void throwIfOneExited(String waitingFor) {
        PeerProcess gone = exited;
        if (gone != null) {
            throw gone.failure(waitingFor);
        }
    }

    /** The peers as the benchmark's waits see them: alive while every one is. */
    Liveness liveness() {
        return new Liveness() {
            @Override
            public void check(String waitingFor) {
                for (PeerProcess peer : peers) {
                    if (!peer.isAlive()) {
                        throw peer.failure(waitingFor);
                    }
                }
            }

            /** A closed end: the process behind it is exiting, and is named once it is seen gone (briefly awaited). */
            @Override
            public RuntimeException gone(String waitingFor) {
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EXIT_SEEN_MILLIS);
                do {
                    // the first seen to exit, not the first in the list: one exit may make the others exit in turn
                    PeerProcess first = exited;
                    if (first != null) {
                        return first.failure(waitingFor);
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                } while (System.nanoTime() < deadline);
                Optional<PeerProcess> dead = peers.stream().filter(p -> !p.isAlive()).findFirst();
                if (dead.isPresent()) {
                    return dead.get().failure(waitingFor);
                }
                return new PeerFailure(description + ": an end closed while every peer process still runs, while the benchmark waited for "
                        + waitingFor);
            }
        };
    }

    Watchdog watchdog(int index) {
        return watchdogs.get(index);
    }

    PeerProcess peer(int index) {
        return peers.get(index);
    }

    int size() {
        return peers.size();
    }

    List<Long> pids() {
        return peers.stream().map(PeerProcess::pid).toList();
    }

    /** Every peer's watchdog: from now an operation under way is judged. */
    void operationsBegin() {
        watchdogs.forEach(Watchdog::operationBegins);
    }

    /** Every peer's watchdog: nothing under way, nobody judged. */
    void operationsEnd() {
        watchdogs.forEach(Watchdog::progressed);
    }

    /** Reads the costs once the peers serve, when a profiler asked for it ({@link Session#readsCostsAtOpenAndClose}). */
    void serving() {
        if (Session.readsCostsAtOpenAndClose()) {
            opening = costsNow();
        }
    }

    /** This JVM's OS costs and the peers' summed, now, or, once closing has begun, as they were then. */
    synchronized CostReading costs() {
        return closing != null ? closing : costsNow();
    }

    /** The costs when the peers had just begun serving; null unless asked for. */
    CostReading opening() {
        return opening;
    }

    /** The peers' costs summed are absent unless every one answered. */
    private CostReading costsNow() {
        Optional<ProcessCost> sum = Optional.of(new ProcessCost(0, 0, 0, 0));
        for (PeerProcess peer : peers) {
            Optional<ProcessCost> one = peer.costs();
            sum = sum.flatMap(s -> one.map(s::plus));
        }
        return new CostReading(ProcessCost.ofThisProcess(), peers.isEmpty() ? Optional.empty() : sum);
    }

    /** "4 on CPU 1, 4 on CPU 0": how many sending threads each CPU holds. */
    static String placement(int[] cpus) {
        return Arrays.stream(cpus).boxed().collect(Collectors.groupingBy(cpu -> cpu, TreeMap::new, Collectors.counting()))
                .entrySet().stream().map(e -> e.getValue() + " on CPU " + e.getKey()).collect(Collectors.joining(", "));
    }

    /** The java command of a peer JVM running {@code main} with {@code args}. */
    static List<String> command(Class<?> main, List<String> args) {
        List<String> command = Session.peerJvm(Optional.empty());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        return command;
    }

    /**
     * The first step of closing, before anything the peers use is closed (while every peer still
     * answers): the costs as they are now become the trial's last reading, if readings were asked for.
     */
    synchronized void beginClosing() {
        if (opening != null && closing == null) {
            closing = costsNow();
        }
    }

    @Override
    public void close() {
        beginClosing();
        peers.forEach(PeerProcess::closeStdin);
        peers.forEach(PeerProcess::close);
        watchdogs.forEach(Watchdog::close);
    }
}
