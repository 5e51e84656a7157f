package io.ipcbench.cli.run;

import static io.ipcbench.cli.results.RunInfo.SOAK_MESSAGES;

import io.ipcbench.cli.usage.CliException;
import io.ipcbench.cli.usage.Usage;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A named run profile, {@code profiles/<name>.properties}: the JMH options and params every module
 * runs with. Parsed strictly (unknown keys, empty or repeated values are errors) because a typo would
 * otherwise silently run the benchmarks' own defaults, for hours.
 *
 * @param entries every key and value in file order, recorded as is in run.json
 */
record Profile(String name, Path file, Map<String, String> entries) {

    static final String JMH_ARGS = "jmh.args";
    // SOAK_MESSAGES, the key that makes a profile a soak, is RunInfo's: report, lessons and diff tell a soak run by it
    static final String SOAK_SIZES = "soak.sizes";
    private static final String KEYS = "jmh.args, modules, bench, flame, param.<name>, param.<module>.<name>; "
            + "for a soak: soak.messages, soak.sizes, modules";
    private static final Set<String> SOAK_KEYS = Set.of(SOAK_MESSAGES, SOAK_SIZES, "modules");
    /** The soak's largest message target per mechanism, as its SoakMain accepts it. */
    static final long MAX_SOAK_MESSAGES = 10_000_000_000L;
    /** The sizes a soak schedules per variant at most: eight edge sizes and the largest. */
    static final int MAX_SOAK_SIZES = 9;

    /**
     * A soak profile: no JMH; each module's soak sends {@code messages} verified messages per
     * mechanism, each variant at {@code sizes} ("all", or how many) of the scheduled sizes.
     */
    record Soak(long messages, String sizes) {
    }

    static Profile load(Path profilesDir, String name) {
        Path file = profilesDir.resolve(name + ".properties");
        if (!name.matches("[\\w.-]+") || !Files.isRegularFile(file)) {
            throw new CliException("no profile '" + name + "' (looked for " + file + "); available profiles: "
                    + available(profilesDir) + "; choose one with -Dipcbench.profile=NAME");
        }
        try {
            return new Profile(name, file, parse(Files.readAllLines(file)));
        } catch (CharacterCodingException e) {
            throw new CliException(file + ": not UTF-8 text (" + e.getMessage() + "); save it as UTF-8");
        } catch (IOException e) {
            throw new CliException(file + ": cannot read it (" + e + "); available profiles: " + available(profilesDir));
        } catch (IllegalArgumentException e) {
            throw new CliException(file + ": " + e.getMessage() + "; available profiles: " + available(profilesDir));
        }
    }

    /** The soak's settings, when this is a soak profile (it sets soak.messages). */
    Optional<Soak> soak() {
        return Optional.ofNullable(entries.get(SOAK_MESSAGES))
                .map(messages -> new Soak(Long.parseLong(messages), entries.getOrDefault(SOAK_SIZES, "all")));
    }

    /** The JMH options for every module, split into arguments. */
    List<String> jmhArgs() {
        return Words.split(file + " " + JMH_ARGS, entries.get(JMH_ARGS));
    }

    Optional<List<String>> modules() {
        return Optional.ofNullable(entries.get("modules")).map(RunOptions::names);
    }

    Optional<String> bench() {
        return Optional.ofNullable(entries.get("bench"));
    }

    /** The async-profiler event of a flame run, if the profile is one. */
    Optional<String> flame() {
        return Optional.ofNullable(entries.get("flame"));
    }

    /** The JMH params for one module: those for every module, overridden by the module's own. */
    Map<String, String> paramsFor(String module) {
        Map<String, String> params = new TreeMap<>();
        entries.forEach((key, value) -> {
            String[] parts = key.split("\\.");
            if (parts[0].equals("param") && parts.length == 2) {
                params.putIfAbsent(parts[1], value);
            } else if (parts[0].equals("param") && parts[1].equals(module)) {
                params.put(parts[2], value);
            }
        });
        return params;
    }

    /** The modules named in {@code param.<module>.<name>} keys, to catch a misspelt module. */
    Set<String> modulesWithParams() {
        return entries.keySet().stream().map(key -> key.split("\\."))
                .filter(parts -> parts.length == 3).map(parts -> parts[1])
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, String> parse(List<String> lines) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String where = "line " + (i + 1);
            if (line.length() > Usage.MAX_ARGUMENT_CHARS) {
                throw new IllegalArgumentException(where + " is " + line.length() + " characters long; lines are at most "
                        + Usage.MAX_ARGUMENT_CHARS);
            }
            if (eq < 0) {
                throw new IllegalArgumentException(where + ": expected key=value, found '" + line + "'");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (!allowedKey(key)) {
                throw new IllegalArgumentException(where + ": unknown key '" + key + "'; allowed keys: " + KEYS);
            }
            if (value.isEmpty()) {
                throw new IllegalArgumentException(where + ": " + key + " has an empty value; give one or delete the line");
            }
            if (entries.putIfAbsent(key, value) != null) {
                throw new IllegalArgumentException(where + ": " + key + " is set a second time");
            }
        }
        if (entries.containsKey(SOAK_MESSAGES) || entries.containsKey(SOAK_SIZES)) {
            requireSoak(entries);
            return entries;
        }
        if (!entries.containsKey(JMH_ARGS)) {
            // without it JMH's defaults (5 forks x 5 x 10 s iterations per combination) would take days
            throw new IllegalArgumentException("no " + JMH_ARGS + " (forks, warmup, iterations) is set");
        }
        try {
            Words.split(JMH_ARGS, entries.get(JMH_ARGS));
        } catch (CliException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        return entries;
    }

    /** A soak runs no JMH: JMH keys would be ignored, so they are refused, as are values out of range. */
    private static void requireSoak(Map<String, String> entries) {
        String extra = entries.keySet().stream().filter(key -> !SOAK_KEYS.contains(key)).collect(Collectors.joining(", "));
        if (!extra.isEmpty()) {
            throw new IllegalArgumentException("a soak profile runs no JMH, so " + extra + " does not apply; its keys are "
                    + SOAK_MESSAGES + ", " + SOAK_SIZES + ", modules");
        }
        String messages = entries.get(SOAK_MESSAGES);
        String rule = SOAK_MESSAGES + " is the verified messages per mechanism, a whole number from 1 to " + MAX_SOAK_MESSAGES;
        if (messages == null) {
            throw new IllegalArgumentException(SOAK_SIZES + " is set but " + SOAK_MESSAGES + " is not; " + rule);
        }
        if (!messages.matches("\\d{1,11}") || Long.parseLong(messages) < 1 || Long.parseLong(messages) > MAX_SOAK_MESSAGES) {
            throw new IllegalArgumentException(SOAK_MESSAGES + "=" + messages + " is not allowed; " + rule);
        }
        String sizes = entries.getOrDefault(SOAK_SIZES, "all");
        if (!sizes.equals("all") && !(sizes.matches("\\d") && Integer.parseInt(sizes) >= 1 && Integer.parseInt(sizes) <= MAX_SOAK_SIZES)) {
            throw new IllegalArgumentException(SOAK_SIZES + "=" + sizes + " is not allowed; it is 'all' or how many sizes each "
                    + "variant runs, a whole number from 1 to " + MAX_SOAK_SIZES);
        }
    }

    private static boolean allowedKey(String key) {
        return switch (key) {
            case JMH_ARGS, "modules", "bench", "flame", SOAK_MESSAGES, SOAK_SIZES -> true;
            default -> key.matches("param\\.(\\w+\\.)?\\w+");
        };
    }

    private static String available(Path profilesDir) {
        try (Stream<Path> files = Files.list(profilesDir)) {
            String names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".properties"))
                    .map(n -> n.substring(0, n.length() - ".properties".length())).sorted()
                    .collect(Collectors.joining(", "));
            return names.isEmpty() ? "none in " + profilesDir : names;
        } catch (IOException e) {
            return "none (" + profilesDir + " cannot be listed: " + e.getMessage() + ")";
        }
    }
}
