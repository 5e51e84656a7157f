package io.ipcbench.cacheline;

import io.ipcbench.bench.TrialOpener;
import io.ipcbench.link.Link;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.Messages;
import io.ipcbench.link.Params;
import io.ipcbench.link.PeerFailure;
import io.ipcbench.link.Role;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.os.Pinning;
import io.ipcbench.peer.FlameGraphs;
import io.ipcbench.peer.PeerMain;
import io.ipcbench.shm.ShmMechanism;
import io.ipcbench.traffic.OneWay;
import io.ipcbench.traffic.RoundTrip;
import io.ipcbench.traffic.Trial;

import java.util.Optional;

/**
 * Shared memory's two rings with both ends in this JVM: the calling thread holds the benchmark's
 * end and a pinned thread plays the peer, echoing or sinking exactly as the peer process does
 * ({@link RoundTrip#echo}, {@link OneWay#sink}), through the same {@link ShmMechanism} code with
 * the same {@code sync}, {@code layout} and {@code capacity}. The memory is the same kind too: a
 * /dev/shm file (tmpfs pages, a shared mapping), mapped once. An arena segment would be anonymous
 * memory, which the kernel may back with transparent huge pages, adding a difference that has
 * nothing to do with the process boundary. What remains is the floor the inter-process benchmark
 * should reach, since once the memory is mapped the boundary adds no instruction to a message.
 * <p>
 * The file's and the semaphores' names are removed as soon as both ends are open (the mapping
 * and the open semaphores outlive their names), so nothing named is left behind, even by a JVM
 * killed with SIGKILL. Each thread's waits are bounded by the other's state: the benchmark's by
 * whether the peer thread still runs, the peer's by whether the benchmark side is closing.
 */
public final class InProcessRings implements Trial {
    /** How parameters and failures name these trials. */
    public static final String NAME = "in-process shm";
    /** The peer thread's name, whole in /proc/self/task/.../comm (15 characters). */
    public static final String PEER_THREAD = "in-process-peer";
    private static final long STOP_MILLIS = 5_000;
    private static final Stopped STOPPED = new Stopped();

    private final Params params;
    private final Pinning.Plan cpus;
    /** The trial's named objects, kept until it closes: a System V semaphore set (SYSV_SEMAPHORE) lives only as long as its name. */
    private final NamedObjects names;
    private final ShmMechanism.Ends ends;
    private final Thread peer;
    private volatile boolean closing;
    private volatile Throwable peerFailure;

    private InProcessRings(Params params, Role role) {
        ShmMechanism shm = new ShmMechanism();
        check(params);
        this.params = params;
        this.cpus = params.pinning().plan();
        NamedObjects.sweepDeadOwners();
        this.names = new NamedObjects();
        try {
            this.ends = ShmMechanism.openBothEnds(params, shm.offer(params, names).forPeer(), new OfPeer(), new OfBenchmark());
        } catch (RuntimeException | Error e) {
            names.close();
            throw e;
        }
        this.peer = new Thread(() -> play(role), PEER_THREAD);
        peer.setDaemon(true);
        peer.start();
    }

    /** How the in-process benchmarks open their trial: these rings, checked as {@link #start} checks them. */
    public static final TrialOpener OPENER = new TrialOpener() {
        @Override
        public void check(Params params) {
            InProcessRings.check(params);
        }

        @Override
        public Trial open(Params params, Role role, Optional<FlameGraphs> flameGraphs) {
            return start(params, role);
        }
    };

    /** What {@link #start} checks before it creates anything. */
    static void check(Params params) {
        params.size();
        new ShmMechanism().validate(params);
        params.pinning().plan();
    }

    /** Checks the parameters, opens both ends and starts the peer thread in {@code role}. */
    public static InProcessRings start(Params params, Role role) {
        return new InProcessRings(params, role);
    }

    @Override
    public Params params() {
        return params;
    }

    @Override
    public Messages messages() {
        return Messages.of(params.size());
    }

    /** The end the measuring thread uses, as {@code Session.link()} is on the benchmark side of two processes. */
    @Override
    public Link link() {
        return ends.benchmark();
    }

    /** No watchdog: the measuring thread's waits watch the peer thread directly. */
    @Override
    public void operationBegins() {}

    @Override
    public void progressed() {}

    /** Pins the calling (measuring) thread as the plan says; JMH may change threads between iterations. */
    @Override
    public void pinBenchmarkThread() {
        cpus.pinCurrentThreadAsBenchmark();
    }

    private void play(Role role) {
        try {
            Cpus.pin(cpus.peerCpu());
            PeerMain.serve(role, ends.peer(), params, messages());
        } catch (Stopped stopped) {
            // the benchmark side is closing: how the peer's endless loop ends
        } catch (Throwable t) {
            peerFailure = t;
        }
    }

    /** Stops the peer thread (within one bounded wait, at most 200 ms), then closes both ends, unmaps and removes the named objects. */
    @Override
    public void close() {
        closing = true;
        try {
            peer.join(STOP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (peer.isAlive()) {
            throw new IllegalStateException(params.describe() + ": the peer thread did not stop within " + STOP_MILLIS
                    + " ms; its mapping stays until this JVM exits, its named objects until the next run's start-up sweep");
        }
        try {
            ends.close();
        } finally {
            names.close();
        }
    }

    /** What the benchmark's waits know of the peer thread: whether it still runs, and why it ended. */
    private final class OfPeer implements Liveness {
        @Override
        public void check(String waitingFor) {
            if (!peer.isAlive()) {
                throw gone(waitingFor);
            }
        }

        @Override
        public RuntimeException gone(String waitingFor) {
            Throwable cause = peerFailure;
            PeerFailure failure = new PeerFailure(params.describe() + ": the peer thread "
                    + (cause == null ? "ended" : "failed (" + cause + ")") + " while the benchmark waited for " + waitingFor);
            failure.initCause(cause);
            return failure;
        }
    }

    /** What the peer thread's waits know of the benchmark side: whether it is closing. */
    private final class OfBenchmark implements Liveness {
        @Override
        public void check(String waitingFor) {
            if (closing) {
                throw STOPPED;
            }
        }

        @Override
        public RuntimeException gone(String waitingFor) {
            return STOPPED;
        }
    }

    /** Unwinds the peer thread when the benchmark side closes; carries no stack trace, it is no error. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("the benchmark side closed", null, false, false);
        }
    }
}
