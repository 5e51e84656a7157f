package io.ipcbench.ring;

import io.ipcbench.link.FanIn;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.PeerFailure;
import io.ipcbench.link.SpinThenCheck;
import io.ipcbench.os.Libc;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;

/**
 * The consumer's end of an {@link MpscRing}: waits for the next ticket's slot to be published,
 * copies it out, advances the consumed index (SPIN: a release store; FUTEX, SPIN_THEN_FUTEX: a
 * store and a full fence, then one wake for all producers sleeping for room, if any announced).
 *
 * <p>Every wait is bounded twice. Every few thousand spins, or after each bounded sleep, it asks
 * the producers' liveness (a dead producer is named, whatever it held), and it times the ticket it
 * waits for: a ticket claimed but not published for {@link #CLAIM_STALL_SECONDS} means its holder
 * stopped (SIGSTOP) or hangs between its claim and its publication, and every message behind it
 * waits; the trial fails naming the holder. The bound is half the watchdog's, so the holder is
 * named before the watchdogs of the producers blocked behind it judge them for want of progress.
 */
final class MpscConsumer implements FanIn.Receiver {
    static final long CLAIM_STALL_SECONDS = 5;
    private static final String MESSAGE = "a message in the ring";

    private final MpscRing ring;
    private final boolean sleeps;
    private final long spinNanos;
    private final SpinThenCheck spin;
    private final FutexSleeper sleeper;
    private final Runnable release;
    private final String where;
    private final long stallNanos;
    private long read;
    /** The ticket the last liveness check found the consumer waiting for, and since when. */
    private long waitedTicket = -1;
    private long waitedSince;

    MpscConsumer(MpscRing ring, SyncKind sync, Liveness producers, String where, Runnable release) {
        this(ring, sync, producers, where, release, TimeUnit.SECONDS.toNanos(CLAIM_STALL_SECONDS));
    }

    /** With another bound on an unpublished claim: for tests. */
    MpscConsumer(MpscRing ring, SyncKind sync, Liveness producers, String where, Runnable release, long stallNanos) {
        this.ring = ring;
        this.sleeps = FanInRings.sleeps(sync);
        this.spinNanos = FanInRings.spinNanos(sync);
        this.release = release;
        this.where = where;
        this.stallNanos = stallNanos;
        Liveness watched = new Liveness() {
            @Override
            public void check(String waitingFor) {
                producers.check(waitingFor);
                checkClaim();
            }

            @Override
            public RuntimeException gone(String waitingFor) {
                return producers.gone(waitingFor);
            }
        };
        this.spin = new SpinThenCheck(watched);
        this.sleeper = new FutexSleeper(watched, FutexSleeper.SLEEP_BOUND_NANOS);
    }

    @Override
    public void receive(MemorySegment into, int length) {
        long ticket = read;
        SharedIndex head = ring.head(ticket);
        if (sleeps) {
            sleeper.awaitAbove(head, ticket, spinNanos, MESSAGE);
            head.takeAnnouncementVolatile(); // the consumer waits alone: an announcement still standing is withdrawn
        } else {
            head.spinUntilAbove(ticket, spin, MESSAGE);
        }
        MemorySegment.copy(ring.region, ring.payloadOffset(ticket), into, 0, length);
        read = ticket + 1;
        if (sleeps) {
            ring.consumed.setVolatile(ticket + 1);
            if (ring.consumed.takeAnnouncementVolatile()) {
                Libc.futexWake(ring.consumed.futexWord, Integer.MAX_VALUE);
            }
        } else {
            ring.consumed.setRelease(ticket + 1);
        }
    }

    /** Fails naming the holder when the ticket waited for has been claimed and left unpublished for the bound. */
    private void checkClaim() {
        long ticket = read;
        long now = System.nanoTime();
        if (ticket != waitedTicket || ring.claimedVolatile() <= ticket) {
            waitedTicket = ticket;
            waitedSince = now;
        } else if (now - waitedSince > stallNanos) {
            throw new PeerFailure(where + ": " + ring.holderOf(ticket) + " claimed slot " + ticket + " of the ring and has not"
                    + " published it for " + TimeUnit.NANOSECONDS.toSeconds(stallNanos) + " s (stopped, or stuck between its claim"
                    + " and its publication); every message behind it waits for it");
        }
    }

    @Override
    public void close() {
        release.run();
    }
}
