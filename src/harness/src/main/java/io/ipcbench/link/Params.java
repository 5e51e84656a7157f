package io.ipcbench.link;

import io.ipcbench.os.Pinning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The parameters of one trial as the user wrote them (JMH {@code -p name=value}), read with a
 * clear message when a value is missing, malformed or out of range, so a bad parameter stops
 * the trial before anything is created or measured.
 */
public final class Params {
    /** Largest message: 16 MiB. Larger payloads measure memory bandwidth, not IPC. */
    public static final int MAX_SIZE = 16 << 20;

    private final String mechanism;
    private final Map<String, String> values;

    public Params(String mechanism, Map<String, String> values) {
        this.mechanism = mechanism;
        this.values = new LinkedHashMap<>(values);
    }

    public String mechanism() {
        return mechanism;
    }

    /** Payload bytes per message. */
    public int size() {
        return intIn("size", 1, MAX_SIZE, "the payload in bytes");
    }

    /** The {@code pinning} param, else the one this machine allows ({@link Pinning#fitting()}). */
    public Pinning pinning() {
        return values.containsKey("pinning") ? choice("pinning", Pinning.class) : Pinning.fitting();
    }

    public String text(String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(mechanism + ": parameter " + key + " is missing or empty; give it a value");
        }
        return value.strip();
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public boolean flag(String key) {
        return Boolean.parseBoolean(values.getOrDefault(key, "false"));
    }

    /** An enum constant by name; "cross-core" and "CROSS_CORE" both name {@code CROSS_CORE}. */
    public <E extends Enum<E>> E choice(String key, Class<E> type) {
        String raw = text(key);
        String wanted = raw.replace('-', '_').toUpperCase();
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(wanted)) {
                return constant;
            }
        }
        String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        throw new IllegalArgumentException(mechanism + ": " + key + "=" + shown(raw) + " is not allowed; choose one of " + allowed);
    }

    public int intIn(String key, int min, int max, String meaning) {
        String raw = text(key);
        String rule = key + " is " + meaning + ", a whole number from " + min + " to " + max;
        long value;
        try {
            value = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            // digits beyond a long's range are a number, only a far too large one
            String problem = raw.matches("[-+]?\\d+") ? " is out of range; " : " is not a number; ";
            throw new IllegalArgumentException(mechanism + ": " + key + "=" + shown(raw) + problem + rule);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(mechanism + ": " + key + "=" + raw + " is out of range; " + rule);
        }
        return (int) value;
    }

    /** A value as messages quote it: whole, or its start and its length when it would flood the line. */
    public static String shown(String raw) {
        return raw.length() <= 40 ? raw : raw.substring(0, 20) + "... (" + raw.length() + " characters)";
    }

    /** "shm size=64 sync=SPIN": how messages name the trial. */
    public String describe() {
        return mechanism + " " + values.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    /** These params and {@code more} (which win where both name a key). */
    public Params with(Map<String, String> more) {
        Map<String, String> merged = new LinkedHashMap<>(values);
        merged.putAll(more);
        return new Params(mechanism, merged);
    }

    public List<String> toArgs() {
        List<String> args = new ArrayList<>();
        values.forEach((k, v) -> args.add(k + "=" + v));
        return args;
    }

    public static Map<String, String> parseArgs(List<String> args) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got '" + arg + "'");
            }
            map.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return map;
    }
}
