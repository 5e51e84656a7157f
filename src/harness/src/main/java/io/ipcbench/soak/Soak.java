package io.ipcbench.soak;

import io.ipcbench.link.Role;
import io.ipcbench.link.Variant;
import io.ipcbench.peer.PeerTraffic;
import io.ipcbench.traffic.OneWay;
import io.ipcbench.traffic.RoundTrip;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a mechanism's soak: every session of its {@link SoakSchedule}, one after another, each
 * against a real peer process, every message checked. Round trips stamp each message and check
 * it at the echo and again in the reply; streams stamp each message, the peer checks it and
 * acknowledges exact counts. A session that fails (a message lost, repeated, reordered or
 * corrupted, a peer that died or stalled) is recorded with the first failure's message, and the
 * soak goes on with the next session.
 */
public final class Soak {
    private final SoakSchedule.Session session;
    private long done;

    private Soak(SoakSchedule.Session session) {
        this.session = session;
    }

    /** Runs every session, reporting each as it ends (a long soak shows it is alive). */
    public static SoakSummary run(SoakPlan plan, long target, int sizesPerVariant, Consumer<SoakSummary.Result> progress) {
        long start = System.nanoTime();
        List<SoakSummary.Result> results = new ArrayList<>();
        for (SoakSchedule.Session session : SoakSchedule.of(plan, target, sizesPerVariant)) {
            SoakSummary.Result result = new Soak(session).run();
            progress.accept(result);
            results.add(result);
        }
        return new SoakSummary(plan.name(), target, List.copyOf(results), System.nanoTime() - start);
    }

    private SoakSummary.Result run() {
        long start = System.nanoTime();
        String failure = null;
        try {
            if (session.variant().shape() == Role.ECHO) {
                roundTrips();
            } else {
                stream();
            }
        } catch (RuntimeException e) {
            failure = String.valueOf(e.getMessage());
        }
        long bytes = done * session.size() * (session.variant().shape() == Role.ECHO ? 2 : 1);
        return new SoakSummary.Result(session, done, bytes, System.nanoTime() - start, failure);
    }

    private void roundTrips() {
        boolean patterned = session.variant().payload() != Variant.Payload.COUNTER;
        try (RoundTrip roundTrip = PeerTraffic.roundTrip(session.mechanism(), session.params())) {
            for (long seq = 0; seq < session.messages(); seq++) {
                if (patterned) {
                    roundTrip.onceVerified(seq);
                } else {
                    roundTrip.once();
                }
                done = seq + 1;
            }
        }
    }

    /** Counts what the peer acknowledged: the last batch is completed with more stamped messages. */
    private void stream() {
        try (OneWay stream = PeerTraffic.oneWay(session.mechanism(), session.params())) {
            for (long i = 0; i < session.messages(); i++) {
                stream.sendVerified();
            }
            done = stream.drain(true);
        }
    }
}
