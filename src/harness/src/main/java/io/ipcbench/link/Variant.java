package io.ipcbench.link;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One variant of a mechanism in one shape, as the mechanism declares it ({@link Mechanism#variants}):
 * its own parameters (no size: the soak and the tests choose sizes), whether the peer echoes or
 * sinks, what its messages carry, and whether the shape holds one message in flight at a time.
 *
 * @param shape       ECHO for round trips, SINK for a one-way stream
 * @param params      the mechanism's own parameters, e.g. {@code wait=BUSY_POLL}
 * @param payload     what the messages carry, and so how they are checked
 * @param oneInFlight a round trip, or a stream that cannot queue more than one message (standard
 *                    signals merge): each message then costs a wake-up
 */
public record Variant(Role shape, Map<String, String> params, Payload payload, boolean oneInFlight) {
    /**
     * PATTERNED: sizes chosen by the caller, a sequence number and a per-byte pattern checked on
     * both sides. COUNTER: the eventfd counter's 8 bytes, always the value 1, which the link
     * checks each way (a ping-pong: it cannot carry a stream). NONE: a signal, no size; a realtime
     * one carries a sequence number its receiver checks, a standard one is counted.
     */
    public enum Payload { PATTERNED, COUNTER, NONE }

    public Variant {
        params = Map.copyOf(params);
    }

    /** A round trip of patterned messages. */
    public static Variant roundTrips(Map<String, String> params) {
        return new Variant(Role.ECHO, params, Payload.PATTERNED, true);
    }

    /** A one-way stream of patterned messages. */
    public static Variant stream(Map<String, String> params) {
        return new Variant(Role.SINK, params, Payload.PATTERNED, false);
    }

    /** Each of {@code params} as round trips and as a stream. */
    public static List<Variant> bothShapes(Stream<Map<String, String>> params) {
        List<Variant> both = new ArrayList<>();
        params.forEach(p -> {
            both.add(roundTrips(p));
            both.add(stream(p));
        });
        return both;
    }

    /** Both shapes, {@code key} set to {@code forRoundTrips} in one and {@code forStreams} in the other (a ring's capacity, a queue's depth). */
    public static List<Variant> bothShapes(Stream<Map<String, String>> params, String key, String forRoundTrips, String forStreams) {
        List<Variant> both = new ArrayList<>();
        params.forEach(p -> {
            both.add(roundTrips(with(p, key, forRoundTrips)));
            both.add(stream(with(p, key, forStreams)));
        });
        return both;
    }

    /** {@code wait=} each {@link FdWait}. */
    public static Stream<Map<String, String>> waits() {
        return Arrays.stream(FdWait.values()).map(wait -> Map.of("wait", wait.name()));
    }

    /** {@code params} with {@code key} set to {@code value}. */
    public static Map<String, String> with(Map<String, String> params, String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(params);
        more.put(key, value);
        return more;
    }

    /** "round trips wait=BLOCKING", "stream api=POSIX depth=2 wait=BUSY_POLL": for messages and summaries. */
    public String label() {
        return (shape == Role.ECHO ? "round trips" : "stream") + (params.isEmpty() ? "" : " " + String.join(" ",
                new TreeMap<>(params).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
    }
}
