package io.ipcbench.link;

import io.ipcbench.os.NamedObjects;
import io.ipcbench.peer.PeerProcess;

import java.util.Map;
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
 */
public interface Mechanism {
    /** Short name used in results and messages, e.g. "shm". */
    String name();

    /** Throws {@link IllegalArgumentException} naming the bad parameter and what is allowed. */
    void validate(Params params);

    Offer offer(Params params, NamedObjects names);

    Link attach(Params params, Map<String, String> offered, Liveness benchmark, BiConsumer<String, String> export);

    /** What the benchmark side created before the peer started. */
    interface Offer {
        /** key=value pairs the peer receives on its command line. */
        Map<String, String> forPeer();

        Link connect(PeerProcess peer, Liveness peerLiveness);
    }
}
