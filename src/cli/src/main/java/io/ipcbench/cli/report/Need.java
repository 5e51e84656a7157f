package io.ipcbench.cli.report;

import io.ipcbench.cli.results.Fmt;
import io.ipcbench.cli.usage.CliException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a user needs of a mechanism: the message size, at most a round trip's p50 and/or p99, at
 * least a rate of messages, whether a CPU may be burnt spinning, and what to rank the mechanisms
 * that qualify by (the round trip's p50 or p99, or messages per second).
 */
public record Need(long size, OptionalDouble p50Ns, OptionalDouble p99Ns, OptionalDouble rate, boolean spin, Rank rank) {
    /** What the qualifying mechanisms are ranked by. */
    public enum Rank { P50, P99, RATE }

    private static final Pattern NUMBER_UNIT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([a-zA-Zµ]*)(/s)?");

    /** Ranked by what the need constrains: the latency budget's percentile, else the rate, else the p50. */
    static Rank defaultRank(OptionalDouble p50Ns, OptionalDouble p99Ns, OptionalDouble rate) {
        return p99Ns.isPresent() && p50Ns.isEmpty() ? Rank.P99 : p50Ns.isPresent() || rate.isEmpty() ? Rank.P50 : Rank.RATE;
    }

    /** "64 B, round trip p99 ≤ 20 µs, ≥ 100 k/s, no spinning; ranked by p99" */
    String describe() {
        List<String> parts = new ArrayList<>(List.of(Fmt.size(size) + " messages"));
        p50Ns.ifPresent(ns -> parts.add("round trip p50 ≤ " + Fmt.time(ns)));
        p99Ns.ifPresent(ns -> parts.add("round trip p99 ≤ " + Fmt.time(ns)));
        rate.ifPresent(r -> parts.add("≥ " + Fmt.rate(r)));
        parts.add(spin ? "a CPU may spin" : "no CPU burnt spinning");
        return String.join(", ", parts) + "; ranked by " + switch (rank) {
            case P50 -> "the round trip's p50";
            case P99 -> "the round trip's p99";
            case RATE -> "messages per second";
        };
    }

    /** The options of {@code pick}; every other argument is refused. */
    static Need parse(List<String> options) {
        long size = -1;
        OptionalDouble p50 = OptionalDouble.empty();
        OptionalDouble p99 = OptionalDouble.empty();
        OptionalDouble rate = OptionalDouble.empty();
        boolean spin = false;
        Rank rank = null;
        for (String option : options) {
            int eq = option.indexOf('=');
            String name = eq < 0 ? option : option.substring(0, eq);
            String value = eq < 0 ? "" : option.substring(eq + 1).strip();
            switch (name) {
                case "--size" -> size = size(value);
                case "--p50" -> p50 = OptionalDouble.of(time(name, value));
                case "--p99" -> p99 = OptionalDouble.of(time(name, value));
                case "--rate" -> rate = OptionalDouble.of(rate(value));
                case "--spin" -> spin = switch (value) {
                    case "yes" -> true;
                    case "no" -> false;
                    default -> throw new CliException("--spin=" + value + ": say yes (a CPU may be burnt spinning) or no");
                };
                case "--rank" -> rank = switch (value) {
                    case "p50" -> Rank.P50;
                    case "p99" -> Rank.P99;
                    case "rate" -> Rank.RATE;
                    default -> throw new CliException("--rank=" + value + ": rank by p50, p99 or rate");
                };
                default -> throw new CliException("unknown option '" + option + "'; pick takes --size=BYTES, --p50=TIME, --p99=TIME, "
                        + "--rate=N/s, --spin=yes|no, --rank=p50|p99|rate");
            }
        }
        if (size < 0) {
            throw new CliException("pick needs the message size, e.g. --size=4096 or --size=64KiB");
        }
        return new Need(size, p50, p99, rate, spin, rank == null ? defaultRank(p50, p99, rate) : rank);
    }

    /** 4096, 4KiB, 4K, 1MiB, 1M (binary multiples). */
    private static long size(String value) {
        Matcher m = NUMBER_UNIT.matcher(value);
        if (m.matches() && m.group(3) == null && !m.group(1).contains(".")) {
            long factor = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "", "b" -> 1;
                case "k", "kib", "kb" -> 1024;
                case "m", "mib", "mb" -> 1024 * 1024;
                default -> -1;
            };
            long bytes = Long.parseLong(m.group(1)) * factor;
            if (factor > 0 && bytes >= 1 && bytes <= 1L << 30) {
                return bytes;
            }
        }
        throw new CliException("--size=" + value + " is not a message size from 1 byte to 1 GiB (e.g. 64, 4096, 64KiB, 1MiB)");
    }

    /** 20us, 20µs, 500ns, 1.5ms, 1s, in nanoseconds. */
    private static double time(String name, String value) {
        Matcher m = NUMBER_UNIT.matcher(value);
        if (m.matches() && m.group(3) == null) {
            double factor = switch (m.group(2)) {
                case "ns" -> 1;
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                default -> -1;
            };
            double ns = Double.parseDouble(m.group(1)) * factor;
            if (factor > 0 && ns > 0) {
                return ns;
            }
        }
        throw new CliException(name + "=" + value + " is not a round-trip time with its unit (e.g. 500ns, 20us, 1.5ms)");
    }

    /** 100000/s, 100k/s, 1.5M/s, 100000, in messages per second. */
    private static double rate(String value) {
        Matcher m = NUMBER_UNIT.matcher(value);
        if (m.matches()) {
            double factor = switch (m.group(2)) {
                case "" -> 1;
                case "k" -> 1e3;
                case "M" -> 1e6;
                case "G" -> 1e9;
                default -> -1;
            };
            double perSecond = Double.parseDouble(m.group(1)) * factor;
            if (factor > 0 && perSecond > 0) {
                return perSecond;
            }
        }
        throw new CliException("--rate=" + value + " is not a rate of messages per second (e.g. 100000/s, 100k/s, 1.5M/s)");
    }
}
