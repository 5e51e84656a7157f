package io.ipcbench.signal;

import io.ipcbench.link.Liveness;
import io.ipcbench.os.Errno;
import io.ipcbench.os.Libc;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the kernel does with signals, which decides how the signal mechanism may use them: sent
 * before the receiver takes any, five standard signals are delivered once, five realtime ones
 * five times, in order. And what the link does with a signal it did not expect. Each test runs in
 * a thread of its own, whose blocked signals die with it.
 */
class SignalSemanticsTest {
    private static final int SENT = 5;
    private static final int PID = (int) ProcessHandle.current().pid();

    @Test
    void standardSignalsSentBeforeAnyIsTakenCoalesceIntoOne() throws Exception {
        List<Taken> taken = inOwnThread(() -> {
            int signal = Signals.SIGUSR1;
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment set = Signals.setOf(arena, signal);
                Signals.blockInThisThread(set);
                for (int i = 0; i < SENT; i++) {
                    assertEquals(0, Signals.tgkill(PID, Signals.gettid(), signal));
                }
                return drain(arena, set, signal);
            }
        });
        assertEquals(1, taken.size(), "one SIGUSR1 taken for " + SENT + " sent: " + taken);
    }

    @Test
    void realtimeSignalsQueueAndAreEachDeliveredInOrder() throws Exception {
        List<Taken> taken = inOwnThread(() -> {
            int signal = Signals.sigrtmin();
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment set = Signals.setOf(arena, signal);
                Signals.blockInThisThread(set);
                MemorySegment info = Signals.queueInfo(arena, signal);
                for (int i = 0; i < SENT; i++) {
                    assertEquals(0, Signals.queue(PID, Signals.gettid(), signal, info, 100 + i));
                }
                return drain(arena, set, signal);
            }
        });
        assertEquals(List.of(100L, 101L, 102L, 103L, 104L), taken.stream().map(Taken::value).toList(), "values in order of sending");
        assertTrue(taken.stream().allMatch(t -> t.code() == Signals.SI_QUEUE), taken.toString());
    }

    @Test
    void aRealtimeSignalOutOfSequenceFailsTheReceiver() throws Exception {
        String message = failureInOwnThread(() -> {
            SignalLink link = new SignalLink(SignalKind.REALTIME, NOBODY_DIES, PID, Signals.gettid());
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment info = Signals.queueInfo(arena, Signals.sigrtmin());
                Signals.queue(PID, link.receiverTid(), Signals.sigrtmin(), info, 0);
                Signals.queue(PID, link.receiverTid(), Signals.sigrtmin(), info, 2);
                link.receive(MemorySegment.NULL, 0);
                link.receive(MemorySegment.NULL, 0);
            }
        });
        assertEquals("signal REALTIME: took sequence number 2 where 1 was due: a signal was lost, repeated or reordered", message);
    }

    @Test
    void aSignalFromAnotherProcessFailsTheReceiver() throws Exception {
        int notUs = (int) ProcessHandle.current().parent().orElseThrow().pid();
        String message = failureInOwnThread(() -> {
            SignalLink link = new SignalLink(SignalKind.STANDARD, NOBODY_DIES, notUs, Signals.gettid());
            Signals.tgkill(PID, link.receiverTid(), Signals.SIGUSR1);
            link.receive(MemorySegment.NULL, 0);
        });
        assertEquals("signal STANDARD: took signal 10 from pid " + PID + ", not from the other process (pid " + notUs
                + "): another process sent it", message);
    }

    /** One signal taken: how it was sent (si_code) and the value it carried. */
    private record Taken(int code, long value) {}

    /** Takes every pending signal without waiting. */
    private static List<Taken> drain(Arena arena, MemorySegment set, int signal) {
        MemorySegment info = Signals.info(arena);
        MemorySegment noWait = arena.allocate(Libc.TIMESPEC);
        List<Taken> taken = new ArrayList<>();
        int r;
        while ((r = Signals.timedWait(set, info, noWait)) == signal) {
            taken.add(new Taken(info.get(ValueLayout.JAVA_INT, Signals.SI_CODE), info.get(ValueLayout.JAVA_LONG, Signals.SI_VALUE)));
        }
        assertEquals(-Errno.EAGAIN, r, "nothing else pending");
        return taken;
    }

    private static <T> T inOwnThread(java.util.concurrent.Callable<T> body) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(body.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        thread.start();
        thread.join();
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static String failureInOwnThread(Runnable body) throws Exception {
        return inOwnThread(() -> assertThrows(IllegalStateException.class, body::run).getMessage());
    }

    private static final Liveness NOBODY_DIES = new Liveness() {
        @Override
        public void check(String waitingFor) {}

        @Override
        public RuntimeException gone(String waitingFor) {
            return new IllegalStateException("gone while waiting for " + waitingFor);
        }
    };
}
