package io.ipcbench.ring;

import io.ipcbench.link.FanIn;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.SpinThenCheck;
import io.ipcbench.os.Libc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One single-producer ring ({@link Ring}, PADDED) per producer, one after the other in memory all
 * processes map; the consumer polls them round robin. Each producer's end is the ring's own
 * ({@link RingSender} with its {@link Sync}), so a producer contends with no other; the consumer
 * takes one message from the next ring that has one, and releases its slot through that ring's
 * Sync, which wakes its producer if it sleeps for room. A consumer that finds every ring empty
 * busy-polls them (SPIN), or polls up to the spin budget (SPIN_THEN_FUTEX; none with FUTEX), then
 * announces itself on every ring's published index, polls once more and sleeps on all their
 * announcements at once (futex_waitv): whichever producer publishes next takes its ring's
 * announcement and wakes it, as it would wake a one-ring consumer.
 */
final class PolledRings {
    private static final RingLayout LAYOUT = RingLayout.PADDED;

    private PolledRings() {}

    static long bytes(int producers, int capacity, int size) {
        return producers * LAYOUT.regionBytes(capacity, size);
    }

    static Ring ring(MemorySegment memory, int index, int capacity, int size) {
        long region = LAYOUT.regionBytes(capacity, size);
        return new Ring(memory.asSlice(index * region, region), LAYOUT, capacity, size);
    }

    static FanIn.Sender producerEnd(MemorySegment memory, int index, int capacity, int size, SyncKind sync, Liveness consumer) {
        Ring ring = ring(memory, index, capacity, size);
        return new RingSender(ring, sync.bind(ring, consumer, null));
    }

    /** The consumer's end. */
    static final class Consumer implements FanIn.Receiver {
        private static final String MESSAGE = "a message in any producer's ring";
        private static final int SPINS_PER_CLOCK_READ = 64;

        private final Ring[] rings;
        private final Sync[] syncs;
        private final long[] read;
        private final boolean sleeps;
        private final long spinNanos;
        private final SpinThenCheck spin;
        private final FutexSleeper sleeper;
        /** futex_waitv's array: every ring's published announcement. */
        private final MemorySegment waiters;
        private final Runnable release;
        private int next;

        Consumer(MemorySegment memory, int producers, int capacity, int size, SyncKind sync, Liveness liveness, Runnable release) {
            this.rings = new Ring[producers];
            this.syncs = new Sync[producers];
            this.read = new long[producers];
            this.waiters = Arena.ofAuto().allocate(Libc.FUTEX_WAITV, producers);
            for (int i = 0; i < producers; i++) {
                rings[i] = ring(memory, i, capacity, size);
                syncs[i] = sync.bind(rings[i], liveness, null);
                Libc.setFutexWaiter(waiters, i, rings[i].published.futexWord, SharedIndex.ANNOUNCED);
            }
            this.sleeps = FanInRings.sleeps(sync);
            this.spinNanos = FanInRings.spinNanos(sync);
            this.spin = new SpinThenCheck(liveness);
            this.sleeper = new FutexSleeper(liveness, FutexSleeper.SLEEP_BOUND_NANOS);
            this.release = release;
        }

        @Override
        public void receive(MemorySegment into, int length) {
            int r = ready(false);
            if (r < 0) {
                r = sleeps ? sleepUntilReady() : spinUntilReady();
            }
            Ring ring = rings[r];
            long index = read[r];
            MemorySegment.copy(ring.region, ring.slotOffset(index), into, 0, length);
            read[r] = index + 1;
            syncs[r].release(index + 1);
        }

        /**
         * The next ring, round robin from the one after the last taken, that holds a message, or
         * -1; {@code fenced}: with volatile loads, which the announcements' stores cannot pass.
         */
        private int ready(boolean fenced) {
            for (int k = 0; k < rings.length; k++) {
                int r = next;
                next = r + 1 == rings.length ? 0 : r + 1;
                SharedIndex published = rings[r].published;
                if ((fenced ? published.getVolatile() : published.getAcquire()) > read[r]) {
                    return r;
                }
            }
            return -1;
        }

        private int spinUntilReady() {
            spin.reset();
            int r;
            do {
                spin.idle(MESSAGE);
            } while ((r = ready(false)) < 0);
            return r;
        }

        private int sleepUntilReady() {
            int r;
            long deadline = System.nanoTime() + spinNanos;
            for (int turns = 1; spinNanos > 0; turns++) {
                Thread.onSpinWait();
                if ((r = ready(false)) >= 0) {
                    return r;
                }
                if (turns % SPINS_PER_CLOCK_READ == 0 && System.nanoTime() > deadline) {
                    break;
                }
            }
            for (; ; ) {
                for (Ring ring : rings) {
                    ring.published.announceVolatile();
                }
                if ((r = ready(true)) >= 0) {
                    break;
                }
                sleeper.sleepOnAny(waiters, rings.length, MESSAGE);
                if ((r = ready(true)) >= 0) {
                    break;
                }
            }
            // the consumer waits alone on these words: every announcement still standing is withdrawn
            for (Ring ring : rings) {
                ring.published.takeAnnouncementVolatile();
            }
            return r;
        }

        @Override
        public void close() {
            release.run();
        }
    }
}
