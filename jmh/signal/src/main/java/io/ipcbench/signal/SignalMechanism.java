package io.ipcbench.signal;

import io.ipcbench.link.ForkedPeer;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Messages;
import io.ipcbench.link.Params;
import io.ipcbench.link.Role;
import io.ipcbench.link.Variant;
import io.ipcbench.os.NamedObjects;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Signals as messages, one per direction, between the measuring thread of the benchmark JVM and
 * the peer's: each side blocks the signal in its receiving thread and tells the other that
 * thread's id (on the peer's command line, and back through its export), and every send is
 * directed at that thread. Signals carry no payload: there is no {@code size}, and a trial given
 * one is refused. {@code kind} chooses standard signals, of which one at most may be pending
 * (so a stream has one message in flight), or realtime ones, which queue.
 */
public final class SignalMechanism implements Mechanism {
    private static final String PID = "signal.pid";
    private static final String TID = "signal.tid";

    @Override
    public String name() {
        return "signal";
    }

    /** Both kinds in both shapes; standard signals merge, so their stream holds one in flight. */
    @Override
    public List<Variant> variants() {
        List<Variant> variants = new ArrayList<>();
        for (SignalKind kind : SignalKind.values()) {
            Map<String, String> params = Map.of("kind", kind.name());
            variants.add(new Variant(Role.ECHO, params, Variant.Payload.NONE, true));
            variants.add(new Variant(Role.SINK, params, Variant.Payload.NONE, kind == SignalKind.STANDARD));
        }
        return variants;
    }

    @Override
    public void validate(Params params) {
        params.choice("kind", SignalKind.class);
        if (params.has("size")) {
            throw new IllegalArgumentException("signal: size is not a parameter of this mechanism: a signal carries no payload,"
                    + " so its messages have none; leave size out");
        }
    }

    /** No payload; one standard signal pending at most, realtime ones up to half the queue limit (acknowledgements need the rest). */
    @Override
    public Messages messages(Params params) {
        if (params.choice("kind", SignalKind.class) == SignalKind.STANDARD) {
            return new Messages(0, 1);
        }
        long limit = Signals.pendingLimit();
        if (limit < 4) {
            throw new IllegalStateException("signal: kind=REALTIME needs queued signals, but RLIMIT_SIGPENDING (ulimit -i) is "
                    + limit + "; raise it or choose kind=STANDARD");
        }
        return new Messages(0, (int) Math.min(Messages.UNBOUNDED, limit / 2));
    }

    @Override
    public Offer offer(Params params, NamedObjects names) {
        SignalKind kind = params.choice("kind", SignalKind.class);
        int tid = SignalLink.blockInThisThread(kind);
        return new Offer() {
            @Override
            public Map<String, String> forPeer() {
                return Map.of(PID, Long.toString(ProcessHandle.current().pid()), TID, Integer.toString(tid));
            }

            @Override
            public SignalLink connect(ForkedPeer peer, Liveness peerLiveness) {
                int peerTid = Integer.parseInt(peer.awaitExport(TID));
                SignalLink link = new SignalLink(kind, peerLiveness, (int) peer.pid(), peerTid);
                if (link.receiverTid() != tid) {
                    throw new IllegalStateException("signal: the trial was set up on thread " + tid + " but connected on "
                            + link.receiverTid() + "; the peer sends to the first");
                }
                return link;
            }
        };
    }

    @Override
    public SignalLink attach(Params params, Map<String, String> offered, Liveness benchmark, BiConsumer<String, String> export) {
        SignalLink link = new SignalLink(params.choice("kind", SignalKind.class), benchmark,
                Integer.parseInt(offered.get(PID)), Integer.parseInt(offered.get(TID)));
        export.accept(TID, Integer.toString(link.receiverTid()));
        return link;
    }
}
