package io.ipcbench.ring;

import io.ipcbench.link.FdWait;
import io.ipcbench.link.Link;
import io.ipcbench.link.Liveness;
import io.ipcbench.os.Eventfds;
import io.ipcbench.os.Libc;
import io.ipcbench.os.NamedObjects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sleeping protocol ({@link SleepingSync}) loses no wake-up. Two threads play the two
 * processes over one /dev/shm file mapped twice, as two processes map it, through the real ends
 * ({@link SharedRings}, {@link RingLink}): one streams numbered messages and takes back each echo,
 * up to two rings' worth ahead, so that each side waits for messages and for room in both
 * directions; the other echoes. Both pause at random (a few microseconds of busy waiting every
 * few messages) so that the other side finds nothing, announces itself and sleeps often, and
 * a mover's store races the waiter's announcement all the time. Every hand-off is bounded: a
 * futex sleep here lasts at most {@link #SLEEP_BOUND_NANOS} (5 s, against microseconds of pause),
 * and its timing out fails the case; a doorbell read has no bound, so a watcher fails the case
 * when neither side moved for {@link #NO_PROGRESS_NANOS} and rings both doorbells to free them.
 */
class NoLostWakeUpTest {
    private static final int SIZE = 64;
    private static final long SLEEP_BOUND_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** A hand-off takes microseconds; even a thread starved on a busy machine moves within seconds. */
    private static final long NO_PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** A pause every 16 messages on average, of up to 20 µs: longer than a hand-off, about a wake-up. */
    private static final int PAUSE_ONE_IN = 16;
    private static final long MAX_PAUSE_NANOS = 20_000;

    enum Bell { FUTEX, EVENTFD }

    /** The waits sleep at once, as FUTEX and a BLOCKING doorbell do: every hand-off that finds nothing races the mover. */
    record Case(Bell bell, int capacity, int messages) {
        @Override
        public String toString() {
            return bell + " capacity=" + capacity + " messages=" + messages;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(Bell.FUTEX, Bell.EVENTFD).flatMap(bell -> Stream.of(
                new Case(bell, 1, 200_000),
                new Case(bell, 2, 200_000),
                new Case(bell, 64, 500_000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyHandOffCompletesAndBothSidesSlept(Case c) throws InterruptedException {
        SharedRings rings = new SharedRings(RingLayout.PADDED, c.capacity(), SIZE);
        long region = RingLayout.PADDED.regionBytes(c.capacity(), SIZE);
        try (NamedObjects names = new NamedObjects(); Bells bells = new Bells(c.bell())) {
            Path file = names.createShmFile("hammer", rings.bytes());
            Watch watch = new Watch(c.bell() == Bell.FUTEX);
            SharedMapping first = SharedMapping.ofFile(file, rings.bytes());
            SharedMapping second = SharedMapping.ofFile(file, rings.bytes());
            Ring toEcho = new Ring(first.memory().asSlice(0, region), RingLayout.PADDED, c.capacity(), SIZE);
            Ring back = new Ring(first.memory().asSlice(region, region), RingLayout.PADDED, c.capacity(), SIZE);
            try (Link sender = rings.open(first, SharedRings.End.BENCHMARK, bells.binder(c, watch, true));
                 Link echo = rings.open(second, SharedRings.End.PEER, bells.binder(c, watch, false))) {
                Side streaming = new Side("streaming", () -> stream(sender, c, watch));
                Side echoing = new Side("echoing", () -> echo(echo, c, watch));
                watch.until(streaming, echoing, bells);
                assertNull(watch.failure, () -> c + ": " + watch.failure);
                assertNull(streaming.error, () -> c + ": the streaming side failed: " + streaming.error);
                assertNull(echoing.error, () -> c + ": the echoing side failed: " + echoing.error);
                assertEquals(c.messages(), watch.echoed, c + ": echoes taken back");
                // each of the four waits (either side, for a message or for room) slept: the races were run
                long[] sleeps = {toEcho.producerCounters.sleepsOpaque(), toEcho.consumerCounters.sleepsOpaque(),
                        back.producerCounters.sleepsOpaque(), back.consumerCounters.sleepsOpaque()};
                String counted = c + ": sleeps of the streaming side waiting for room " + sleeps[0] + ", of the echoing side "
                        + "for a message " + sleeps[1] + ", for room " + sleeps[2] + ", of the streaming side for a message " + sleeps[3];
                System.out.println(counted);
                for (long s : sleeps) {
                    assertTrue(s >= minimumSleeps(c), counted + "; at least " + minimumSleeps(c) + " each expected");
                }
            }
        }
    }

    /**
     * At least one sleep in a thousand messages on every wait: far below what sleeping at once
     * gives (about one sleep per message here), far above none.
     */
    private static long minimumSleeps(Case c) {
        return c.messages() / 1000;
    }

    /**
     * Sends bursts of random length and takes back a random number of echoes, never more than two
     * rings ahead (the two rings and the message the echoing side holds fit more, so neither side
     * can wait for the other for good): each side in turn finds the ring full or empty.
     */
    private static void stream(Link link, Case c, Watch watch) {
        int window = 2 * c.capacity();
        SplittableRandom random = new SplittableRandom();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment message = arena.allocate(SIZE, 8);
            MemorySegment echoed = arena.allocate(SIZE, 8);
            long sent = 0;
            long taken = 0;
            while (taken < c.messages()) {
                for (int burst = 1 + random.nextInt(window); burst > 0 && sent < c.messages() && sent - taken < window; burst--) {
                    message.set(ValueLayout.JAVA_LONG, 0, sent);
                    message.set(ValueLayout.JAVA_LONG, SIZE - 8, ~sent);
                    link.send(message, SIZE);
                    sent++;
                    pause(random, watch);
                }
                for (long drain = 1 + random.nextLong(sent - taken); drain > 0; drain--) {
                    link.receive(echoed, SIZE);
                    expect(taken, echoed, "echo");
                    watch.echoed = ++taken;
                    pause(random, watch);
                }
            }
        }
    }

    private static void echo(Link link, Case c, Watch watch) {
        SplittableRandom random = new SplittableRandom();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment message = arena.allocate(SIZE, 8);
            for (long seq = 0; seq < c.messages(); seq++) {
                link.receive(message, SIZE);
                expect(seq, message, "message");
                link.send(message, SIZE);
                watch.echoes = seq + 1;
                pause(random, watch);
            }
        }
    }

    private static void expect(long seq, MemorySegment message, String what) {
        long got = message.get(ValueLayout.JAVA_LONG, 0);
        if (got != seq || message.get(ValueLayout.JAVA_LONG, SIZE - 8) != ~seq) {
            throw new IllegalStateException(what + " " + seq + " arrived as " + got);
        }
    }

    /** Busy-waits a random few microseconds now and then; stops the side once the case has failed. */
    private static void pause(SplittableRandom random, Watch watch) {
        if (watch.failure != null) {
            throw new IllegalStateException("stopped: " + watch.failure);
        }
        if (random.nextInt(PAUSE_ONE_IN) == 0) {
            long until = System.nanoTime() + random.nextLong(MAX_PAUSE_NANOS);
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        }
    }

    /** One side's thread and what it threw. */
    private static final class Side {
        final Thread thread;
        volatile Throwable error;

        Side(String name, Runnable body) {
            this.thread = new Thread(() -> {
                try {
                    body.run();
                } catch (Throwable t) {
                    error = t;
                }
            }, "hammer-" + name);
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * Progress of both sides, the case's failure, and the waits' liveness: a futex sleep that ran
     * to its bound is a lost wake-up; a doorbell that rang for nothing (a count left from an
     * announcement withdrawn too late) is normal, and fails only a case already failed.
     */
    private static final class Watch implements Liveness {
        private final boolean timeoutIsLost;
        volatile long echoed;
        volatile long echoes;
        volatile String failure;

        Watch(boolean timeoutIsLost) {
            this.timeoutIsLost = timeoutIsLost;
        }

        @Override
        public void check(String waitingFor) {
            if (failure == null && timeoutIsLost) {
                failure = "a futex sleep waiting for " + waitingFor + " lasted its whole bound of "
                        + TimeUnit.NANOSECONDS.toSeconds(SLEEP_BOUND_NANOS) + " s: a wake-up was lost";
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
        }

        @Override
        public RuntimeException gone(String waitingFor) {
            return new IllegalStateException("gone while waiting for " + waitingFor);
        }

        /**
         * Waits for both sides; fails the case and rings the doorbells when neither moves for too
         * long, and gives up on a side still running {@link #NO_PROGRESS_NANOS} after that.
         */
        void until(Side streaming, Side echoing, Bells bells) throws InterruptedException {
            long lastEchoed = -1;
            long lastEchoes = -1;
            long lastMove = System.nanoTime();
            while ((streaming.thread.isAlive() || echoing.thread.isAlive()) && System.nanoTime() - lastMove < 2 * NO_PROGRESS_NANOS) {
                (streaming.thread.isAlive() ? streaming : echoing).thread.join(100);
                Throwable error = streaming.error != null ? streaming.error : echoing.error;
                if (error != null && failure == null) {
                    failure = "a side failed: " + error;
                    bells.ringBoth();
                } else if (echoed != lastEchoed || echoes != lastEchoes) {
                    lastEchoed = echoed;
                    lastEchoes = echoes;
                    lastMove = System.nanoTime();
                } else if (System.nanoTime() - lastMove > NO_PROGRESS_NANOS && failure == null) {
                    failure = "no hand-off for " + TimeUnit.NANOSECONDS.toSeconds(NO_PROGRESS_NANOS) + " s after "
                            + echoes + " echoes and " + echoed + " taken back: a wake-up was lost";
                    bells.ringBoth();
                }
            }
        }
    }

    /** The case's way of sleeping: futexes, or two eventfds (this test creates and closes them). */
    private static final class Bells implements AutoCloseable {
        private final Bell bell;
        private final int first;
        private final int second;

        Bells(Bell bell) {
            this.bell = bell;
            this.first = bell == Bell.EVENTFD ? Eventfds.create(false) : -1;
            this.second = bell == Bell.EVENTFD ? Eventfds.create(false) : -1;
        }

        SharedRings.RingBinder binder(Case c, Liveness watch, boolean firstSide) {
            if (bell == Bell.FUTEX) {
                return (ring, name) -> new FutexSync(ring, watch, 0, SLEEP_BOUND_NANOS);
            }
            Doorbells doorbells = firstSide ? new Doorbells(first, second, FdWait.BLOCKING, 0)
                    : new Doorbells(second, first, FdWait.BLOCKING, 0);
            return (ring, name) -> new EventfdSync(ring, watch, doorbells);
        }

        /** Frees a side blocked in read(2) for good: it wakes, finds nothing and asks its liveness, which throws. */
        void ringBoth() {
            if (bell == Bell.EVENTFD) {
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment one = arena.allocate(ValueLayout.JAVA_LONG);
                    one.set(ValueLayout.JAVA_LONG, 0, 1);
                    Libc.write(first, one.address(), 8);
                    Libc.write(second, one.address(), 8);
                }
            }
        }

        @Override
        public void close() {
            if (bell == Bell.EVENTFD) {
                Libc.close(first);
                Libc.close(second);
            }
        }
    }
}
