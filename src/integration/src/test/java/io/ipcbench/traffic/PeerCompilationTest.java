package io.ipcbench.traffic;

import io.ipcbench.link.Params;
import io.ipcbench.peer.PeerTraffic;
import io.ipcbench.peer.Session;
import io.ipcbench.pipe.PipeMechanism;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The peer's per-message code is compiled during the warm-up and never while measuring, as the
 * peer JVM's own compilation log tells (-Xlog:jit+compilation, stamped with the wall clock, which
 * this JVM reads too). A blocking pipe trial, round trips or a stream, runs as JMH runs one, but
 * counted in messages, not seconds, so that a slow machine only takes longer: a warm-up, then
 * measured iterations with a pause before each (JMH's iteration boundaries). The warm-up is about
 * twice the messages the peer needs to reach C2 (about 18,000: {@link PeerLoop}); the measured
 * iterations carry the trial past 60,000 messages, where HotSpot would compile a loop entered once
 * by on-stack replacement (its tier-3 back-edge threshold), so a serving loop left to OSR is
 * caught compiling here.
 */
class PeerCompilationTest {
    private static final int WARM_UP = 30_000;
    private static final int ITERATIONS = 3;
    private static final int PER_ITERATION = 15_000;
    private static final long PAUSE_MILLIS = 100;
    /** Blocking, so that it runs on one CPU as well; unpinned, since placement is not what this checks. */
    private static final Params PIPE = new Params("pipe", Map.of("size", "64", "wait", "BLOCKING", "pinning", "none"));
    /** "[1796610182927ms]  865       4       io.ipcbench.traffic.RoundTrip$Echoes::run (85 bytes)": stamp, tier, method, the rest. */
    private static final Pattern LINE = Pattern.compile("^\\[(\\d+)ms\\].*?\\s(\\d)\\s+(\\S+::\\S+)(.*)$");

    /** One line of the log about a method of the suite: a compilation, or compiled code thrown away (and why). */
    record Event(long millis, int tier, String method, String rest) {
        /** A lower tier's code retired once the higher one is in: the consequence of a compilation, not one. */
        boolean retired() {
            return rest.endsWith("made not entrant: not used");
        }

        @Override
        public String toString() {
            return millis + " ms: tier " + tier + " " + method + rest;
        }
    }

    /** A trial's traffic and how the test drives it: {@code messages.accept(n)} moves n more messages, all consumed on return. */
    private record DrivenTraffic(Traffic traffic, IntConsumer messages) implements AutoCloseable {
        @Override
        public void close() {
            traffic.close();
        }
    }

    private static DrivenTraffic roundTrips() {
        RoundTrip roundTrip = PeerTraffic.roundTrip(new PipeMechanism(), PIPE);
        return new DrivenTraffic(roundTrip, count -> {
            for (int i = 0; i < count; i++) {
                roundTrip.once();
            }
        });
    }

    private static DrivenTraffic stream() {
        OneWay stream = PeerTraffic.oneWay(new PipeMechanism(), PIPE);
        return new DrivenTraffic(stream, count -> {
            for (int i = 0; i < count; i++) {
                stream.send();
            }
            stream.drain(false);
        });
    }

    @Test
    void theEchosPerMessageCodeIsCompiledInTheWarmUpAndNeverWhileMeasured(@TempDir Path dir) throws IOException {
        assertCompiledInTheWarmUpOnly(dir, PeerCompilationTest::roundTrips, RoundTrip.class.getName() + "$Echoes::run");
    }

    @Test
    void theSinksPerMessageCodeIsCompiledInTheWarmUpAndNeverWhileMeasured(@TempDir Path dir) throws IOException {
        assertCompiledInTheWarmUpOnly(dir, PeerCompilationTest::stream, OneWay.class.getName() + "$Sinks::run");
    }

    private static void assertCompiledInTheWarmUpOnly(Path dir, Supplier<DrivenTraffic> start, String perMessage) throws IOException {
        Path log = dir.resolve("peer-compilation.log");
        String peerJvmArgs = System.getProperty(Session.PEER_JVM_ARGS_PROPERTY, "");
        System.setProperty(Session.PEER_JVM_ARGS_PROPERTY, peerJvmArgs + " -Xlog:jit+compilation=debug:file=" + log + ":tm");
        long measuredFrom;
        long measuredUntil;
        try (DrivenTraffic trial = start.get()) {
            trial.messages().accept(WARM_UP);
            measuredFrom = System.currentTimeMillis();
            for (int i = 0; i < ITERATIONS; i++) {
                sleep();
                trial.messages().accept(PER_ITERATION);
            }
            measuredUntil = System.currentTimeMillis();
            sleep(); // the end of file at close deoptimizes the peer's code (its exit): apart from the measured time
        } finally {
            System.setProperty(Session.PEER_JVM_ARGS_PROPERTY, peerJvmArgs);
        }
        List<Event> events = Files.readAllLines(log).stream().map(LINE::matcher).filter(Matcher::matches)
                .map(m -> new Event(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)), m.group(3), m.group(4)))
                .filter(e -> e.method().startsWith("io.ipcbench.")).toList();
        System.out.println("PeerCompilationTest: " + events.size() + " compilation events of the suite's methods in the peer, "
                + (measuredUntil - measuredFrom) + " ms measured");

        assertTrue(events.stream().anyMatch(e -> e.method().equals(perMessage) && e.tier() == 4 && e.millis() < measuredFrom),
                "the peer's per-message code, " + perMessage + ", was compiled by C2 during the warm-up: " + events);
        assertEquals(List.of(), events.stream().filter(e -> e.millis() >= measuredFrom && e.millis() <= measuredUntil && !e.retired()).toList(),
                "nothing of the suite compiled or deoptimized in the peer while measuring");
        assertFalse(events.stream().anyMatch(e -> e.method().startsWith(PeerLoop.class.getName() + "::")),
                "the serving loop is never compiled: " + events);
    }

    private static void sleep() {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between iterations", e);
        }
    }
}
