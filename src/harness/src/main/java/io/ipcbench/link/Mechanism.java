package io.ipcbench.link;

import io.ipcbench.os.NamedObjects;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * An IPC mechanism seen from both processes. The same class is instantiated, by name, in the
 * benchmark JVM and in the peer JVM (it needs a public no-argument constructor):
 * <ol>
 *   <li>{@link #validate} reads the parameters before anything exists;</li>
 *   <li>{@link #offer} (benchmark side) creates what the peer must find by name;</li>
 *   <li>{@link #attach} (peer side) opens it, and may export values back, e.g. descriptor numbers;</li>
 *   <li>{@link Offer#connect} (benchmark side) completes the benchmark's end.</li>
 * </ol>
 * A mechanism that can cross hosts may instead offer {@link #remote} mode: the trial connects to
 * a peer server started by hand, and no peer JVM is forked.
 * <p>
 * Mechanisms are found, not listed: each module names its implementation in
 * {@code META-INF/services/io.ipcbench.link.Mechanism}, and the soak finds it there ({@link java.util.ServiceLoader}).
 */
public interface Mechanism {
    /** Short name used in results and messages, e.g. "shm". */
    String name();

    /**
     * Every variant whose data path differs (each wait, sync, socket type, API, backing), in each
     * shape it carries: what the soak runs, each for many verified messages.
     */
    List<Variant> variants();

    /** Throws {@link IllegalArgumentException} naming the bad parameter and what is allowed. */
    void validate(Params params);

    /** The trial's messages: {@code size} payload bytes, by default; a mechanism that carries no payload overrides this. */
    default Messages messages(Params params) {
        return Messages.of(params.size());
    }

    Offer offer(Params params, NamedObjects names);

    Link attach(Params params, Map<String, String> offered, Liveness benchmark, BiConsumer<String, String> export);

    /** A peer server to use instead of forking a peer JVM (remote mode), or empty, the default. */
    default Optional<Remote> remote(Params params) {
        return Optional.empty();
    }

    /** What the benchmark side created before the peer started. */
    interface Offer {
        /** key=value pairs the peer receives on its command line. */
        Map<String, String> forPeer();

        Link connect(ForkedPeer peer, Liveness peerLiveness);
    }

    /** Remote mode: a peer server already running, perhaps on another host, whose liveness is its connection. */
    interface Remote {
        /** "host:port", for messages. */
        String address();

        /** Connects, tells the server its role and the trial's parameters, and returns the benchmark's end. */
        Link connect(Role role, Liveness server);

        /** Drops the connection, from the watchdog's thread, so that a wait blocked on it returns. */
        void abort();
    }
}
