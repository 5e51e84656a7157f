package io.ipcbench.bench;

import io.ipcbench.os.Libc;
import io.ipcbench.os.Pinning;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * What the two measuring CPUs cost each other right now: one cache line handed back and forth
 * between two threads pinned as the trial's are (each waits for the other's store to the line),
 * in nanoseconds per round trip. A virtual machine's CPUs move
 * between the host's cores, so the same trial can run in a fast mode (its vCPUs on neighbouring
 * host cores) or a slow one; this probe, run once per fork before the peer starts, names the mode
 * a fork's CPUs were in ({@link ProbeProfiler} reports it as {@code probe.pingpong}).
 * <p>
 * The figure is the median of batches of round trips after a warm-up, so that a batch the
 * scheduler interrupted, or one run before the JIT compiled the loop, does not decide it. The word
 * is a volatile field rather than native memory behind a VarHandle, as the rings use: the probe's
 * loops start in the interpreter, where a volatile field costs a few nanoseconds and a VarHandle
 * call a microsecond, which would hide the line's own cost until the JIT caught up. On one CPU
 * (same-core) each wait yields, and a round trip is two context switches. A plan that pins
 * nothing has no measuring CPUs to probe.
 */
public final class PingPongProbe {
    private static final long STOP = -1;
    private static final int ROUND_TRIPS_PER_BATCH = 100;
    private static final int MIN_BATCHES = 9;
    private static final int MAX_BATCHES = 1024;
    /** Long enough for the JIT to compile the loops (see the class comment). */
    private static final long WARM_UP_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long MEASURE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** A machine too busy to finish the probe sooner gets a figure from what was measured by then. */
    private static final long MOST_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** A thread that has not answered for this long is gone or starved: the probe gives up rather than hang the trial. */
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(2);

    private static volatile double lastNanos = Double.NaN;

    private PingPongProbe() {}

    /** The figure of the last probe in this JVM (one trial per fork): ns per round trip, NaN if none ran or it gave up. */
    public static double lastNanos() {
        return lastNanos;
    }

    /** Probes the plan's measuring CPUs and keeps the figure for {@link #lastNanos}; returns it. */
    public static double run(Pinning.Plan plan) {
        lastNanos = plan.cpus().isEmpty() ? Double.NaN : measure(plan.benchmarkCpu(), plan.peerCpu());
        return lastNanos;
    }

    private static double measure(int pingCpu, int pongCpu) {
        boolean oneCpu = pingCpu == pongCpu;
        Line line = new Line();
        double[] result = {Double.NaN};
        Thread pong = start("probe-pong", () -> pong(line, pongCpu, oneCpu));
        Thread ping = start("probe-ping", () -> result[0] = ping(line, pingCpu, oneCpu));
        join(ping);
        line.turnVolatile = STOP;
        join(pong);
        return result[0];
    }

    /**
     * Round trips in batches until the warm-up and the measurement have passed and enough batches
     * were measured, or, on a machine too busy for that, for {@link #MOST_NANOS} and one measured
     * batch at least; the median batch, per round trip.
     */
    private static double ping(Line line, int cpu, boolean oneCpu) {
        Libc.pinCurrentThread(cpu);
        double[] batches = new double[MAX_BATCHES];
        int measured = 0;
        long value = 0;
        long start = System.nanoTime();
        long measureFrom = start + WARM_UP_NANOS;
        while (measured < batches.length) {
            long batchStart = System.nanoTime();
            for (int i = 0; i < ROUND_TRIPS_PER_BATCH; i++) {
                line.turnVolatile = ++value;
                value++;
                if (!await(line, value, oneCpu)) {
                    return Double.NaN;
                }
            }
            long now = System.nanoTime();
            if (batchStart >= measureFrom) {
                batches[measured++] = (double) (now - batchStart) / ROUND_TRIPS_PER_BATCH;
            }
            boolean enough = now >= measureFrom + MEASURE_NANOS && measured >= MIN_BATCHES;
            if (enough || now >= start + MOST_NANOS && measured > 0) {
                break;
            }
        }
        double[] sorted = Arrays.copyOf(batches, measured);
        Arrays.sort(sorted);
        return sorted[measured / 2];
    }

    /** Answers every odd value with the next even one until {@link #STOP}. */
    private static void pong(Line line, int cpu, boolean oneCpu) {
        Libc.pinCurrentThread(cpu);
        for (long value = 1; await(line, value, oneCpu); value += 2) {
            line.turnVolatile = value + 1;
        }
    }

    /** Waits until the line holds {@code value}: true, or false on {@link #STOP} or after {@link #GIVE_UP_NANOS}. */
    private static boolean await(Line line, long value, boolean oneCpu) {
        long deadline = 0;
        for (int spins = 0; ; spins++) {
            long seen = line.turnVolatile;
            if (seen == value) {
                return true;
            }
            if (seen == STOP) {
                return false;
            }
            if (oneCpu) {
                Thread.yield();
            } else {
                Thread.onSpinWait();
            }
            if ((spins & 0xFFFF) == 0xFFFF) {
                long now = System.nanoTime();
                deadline = deadline == 0 ? now + GIVE_UP_NANOS : deadline;
                if (now > deadline) {
                    return false;
                }
            }
        }
    }

    /** Padding before the word: the JVM lays out a superclass's fields before its subclass's (JCTools pads so). */
    @SuppressWarnings("unused")
    private static class PaddingBefore {
        long p01, p02, p03, p04, p05, p06, p07, p08;
    }

    /** The word the two threads hand over: a volatile read waits for the other's volatile write. */
    private static class Word extends PaddingBefore {
        volatile long turnVolatile;
    }

    /** The word alone on its cache line, whatever the JVM allocates around it. */
    @SuppressWarnings("unused")
    private static final class Line extends Word {
        long q01, q02, q03, q04, q05, q06, q07, q08;
    }

    private static Thread start(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
