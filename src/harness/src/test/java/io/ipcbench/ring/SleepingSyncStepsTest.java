package io.ipcbench.ring;

import io.ipcbench.link.FdWait;
import io.ipcbench.link.Liveness;
import io.ipcbench.os.Eventfds;
import io.ipcbench.os.Libc;
import io.ipcbench.os.NamedObjects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sleeping protocol's races played step by step in one thread, on a real mapping: the mover's
 * steps run at the moment the waiter is about to sleep, after it announced itself and found the
 * index unchanged. A sleep that should return at once but blocks is bounded (a futex sleep of 1 s,
 * a doorbell rung by a watcher after 5 s) and fails the test.
 */
class SleepingSyncStepsTest {
    private static final int SIZE = 64;
    private static final long SLEEP_BOUND_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long DOORBELL_RESCUE_MILLIS = 5_000;

    enum Bell { FUTEX, EVENTFD }

    private final NamedObjects names = new NamedObjects();
    private SharedMapping mapping;
    private int bell = -1;
    private Thread rescue;
    private volatile String failure;

    @BeforeEach
    void map() {
        SharedRings rings = new SharedRings(RingLayout.PADDED, 4, SIZE);
        mapping = SharedMapping.ofFile(names.createShmFile("steps", rings.bytes()), rings.bytes());
    }

    @AfterEach
    void unmap() throws InterruptedException {
        mapping.release().run();
        names.close();
        if (rescue != null) {
            rescue.interrupt();
            rescue.join();
            Libc.close(bell);
        }
    }

    /**
     * The mover of an earlier store took the announcement this wait made, and woke before the
     * waiter slept: the sleep must return at once (FUTEX_WAIT finds its word taken: EAGAIN; the
     * doorbell kept the ring's count), and the waiter announce again, then take the next message.
     */
    @ParameterizedTest
    @EnumSource(Bell.class)
    void anAnnouncementTakenBeforeTheSleepEndsItAtOnce(Bell kind) {
        Ring ring = ring(1);
        SleepingSync producer = real(kind, ring);
        Deque<Runnable> steps = new ArrayDeque<>(List.of(
                () -> {
                    assertTrue(ring.published.takeAnnouncementVolatile(), "the waiter announced itself before sleeping");
                    producer.wake(ring.published);
                },
                () -> producer.publish(2)));
        SleepingSync consumer = new Interleaved(ring, real(kind, ring), steps);
        producer.publish(1);
        consumer.awaitMessage(0);
        consumer.release(1);
        consumer.awaitMessage(1);
        assertEquals(List.of(), List.copyOf(steps), "both steps ran, each before a sleep");
        assertEquals(2, ring.consumerCounters.sleepsOpaque(), "sleeps: one cut short by the early wake, one ended by the message");
        assertNull(failure);
    }

    /**
     * A wake is paid once per sleep: of two messages published while the waiter sleeps, the
     * first takes its announcement and wakes it, the second finds none and wakes nobody.
     */
    @ParameterizedTest
    @EnumSource(Bell.class)
    void aSleeperIsWokenOnceHoweverManyMessagesFollow(Bell kind) {
        Ring ring = ring(4);
        SleepingSync producer = real(kind, ring);
        Deque<Runnable> steps = new ArrayDeque<>(List.<Runnable>of(() -> {
            producer.publish(1);
            producer.publish(2);
        }));
        SleepingSync consumer = new Interleaved(ring, real(kind, ring), steps);
        consumer.awaitMessage(0);
        assertEquals(1, ring.consumerCounters.sleepsOpaque(), "the consumer's sleeps");
        assertEquals(1, ring.producerCounters.wakesOpaque(), "the producer's wake calls for two messages");
        producer.publish(3);
        assertEquals(1, ring.producerCounters.wakesOpaque(), "no wake once the consumer is awake and announced nothing");
        assertNull(failure);
    }

    private Ring ring(int capacity) {
        return new Ring(mapping.memory().asSlice(0, RingLayout.PADDED.regionBytes(capacity, SIZE)), RingLayout.PADDED, capacity, SIZE);
    }

    /** A real strategy of {@code kind}, spinning 0 ns; with an eventfd, one doorbell both rings ring and read (one thread). */
    private SleepingSync real(Bell kind, Ring ring) {
        if (kind == Bell.FUTEX) {
            return new FutexSync(ring, new Bounded(true), 0, SLEEP_BOUND_NANOS);
        }
        if (bell < 0) {
            bell = Eventfds.create(false);
            rescue = new Thread(this::rescue, "doorbell-rescue");
            rescue.setDaemon(true);
            rescue.start();
        }
        return new EventfdSync(ring, new Bounded(false), new Doorbells(bell, bell, FdWait.BLOCKING, 0));
    }

    /** Rings the doorbell once {@link #DOORBELL_RESCUE_MILLIS} passed, failing the test: a read that should have returned at once. */
    private void rescue() {
        try {
            Thread.sleep(DOORBELL_RESCUE_MILLIS);
        } catch (InterruptedException e) {
            return; // the test ended in time; the doorbell is closed after this thread ends
        }
        failure = "a doorbell read blocked for " + DOORBELL_RESCUE_MILLIS + " ms where it should have returned at once";
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment one = arena.allocate(ValueLayout.JAVA_LONG);
            one.set(ValueLayout.JAVA_LONG, 0, 1);
            Libc.write(bell, one.address(), 8);
        }
    }

    /** A futex sleep that ran to its bound is a wake lost; a doorbell that brought nothing is normal unless the watcher rang it. */
    private final class Bounded implements Liveness {
        private final boolean timeoutIsLost;

        Bounded(boolean timeoutIsLost) {
            this.timeoutIsLost = timeoutIsLost;
        }

        @Override
        public void check(String waitingFor) {
            if (timeoutIsLost) {
                failure = "a futex sleep waiting for " + waitingFor + " ran to its bound where it should have returned at once";
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
        }

        @Override
        public RuntimeException gone(String waitingFor) {
            return new IllegalStateException("gone while waiting for " + waitingFor);
        }
    }

    /** A real strategy whose sleeps are preceded by the next step of the other side. */
    private static final class Interleaved extends SleepingSync {
        private final SleepingSync real;
        private final Deque<Runnable> beforeSleeps;

        Interleaved(Ring ring, SleepingSync real, Deque<Runnable> beforeSleeps) {
            super(ring, real.other, 0);
            this.real = real;
            this.beforeSleeps = beforeSleeps;
        }

        @Override
        void wake(SharedIndex own) {
            real.wake(own);
        }

        @Override
        void sleep(SharedIndex watched, long seen, String what) {
            Runnable step = beforeSleeps.poll();
            if (step != null) {
                step.run();
            }
            real.sleep(watched, seen, what);
        }
    }
}
