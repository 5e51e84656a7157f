package io.ipcbench.cli.results;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Numbers for people: three significant digits and a unit that keeps them short. */
public final class Fmt {
    private Fmt() {
    }

    /** 3 significant digits, no exponent: 221, 47.9, 0.00123. */
    public static String num(double value) {
        if (!Double.isFinite(value)) {
            return "n/a";
        }
        if (value == 0) {
            return "0";
        }
        return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** A duration in nanoseconds: 221 ns, 47.9 µs, 2.47 ms, 1.2 s. */
    public static String time(double ns) {
        if (!Double.isFinite(ns)) {
            return "n/a";
        }
        double abs = Math.abs(ns);
        if (abs < 1e3) {
            return num(ns) + " ns";
        }
        if (abs < 1e6) {
            return num(ns / 1e3) + " µs";
        }
        return abs < 1e9 ? num(ns / 1e6) + " ms" : num(ns / 1e9) + " s";
    }

    /** Operations per second: 756 /s, 22.2 k/s, 1.78 M/s. */
    public static String rate(double perSecond) {
        if (!Double.isFinite(perSecond)) {
            return "n/a";
        }
        double abs = Math.abs(perSecond);
        if (abs < 1e3) {
            return num(perSecond) + " /s";
        }
        if (abs < 1e6) {
            return num(perSecond / 1e3) + " k/s";
        }
        return abs < 1e9 ? num(perSecond / 1e6) + " M/s" : num(perSecond / 1e9) + " G/s";
    }

    /** Bytes per second in decimal units, as bandwidth claims give them: 412 MB/s, 2.5 GB/s. */
    public static String bandwidth(double bytesPerSecond) {
        if (!Double.isFinite(bytesPerSecond)) {
            return "n/a";
        }
        double abs = Math.abs(bytesPerSecond);
        if (abs < 1e6) {
            return num(bytesPerSecond / 1e3) + " kB/s";
        }
        return abs < 1e9 ? num(bytesPerSecond / 1e6) + " MB/s" : num(bytesPerSecond / 1e9) + " GB/s";
    }

    /** A value in the base unit of {@link Units}. */
    public static String value(double value, String unit) {
        return switch (unit) {
            case Units.NS_PER_OP -> time(value);
            case Units.OPS_PER_S -> rate(value);
            default -> num(value) + (unit.isEmpty() ? "" : " " + unit);
        };
    }

    /** A payload size: 64 B, 1 KiB, 64 KiB, 1 MiB, 1500 B. */
    public static String size(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB"};
        long value = bytes;
        int unit = 0;
        while (unit < units.length - 1 && value >= 1024 && value % 1024 == 0) {
            value /= 1024;
            unit++;
        }
        return value + " " + units[unit];
    }

    /** A ratio as a signed change: 1.3 → +30.0 %. */
    public static String change(double ratio) {
        return Double.isFinite(ratio) ? String.format(Locale.ROOT, "%+.1f %%", (ratio - 1) * 100) : "n/a";
    }

    public static String ratio(double ratio) {
        return Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.3g×", ratio) : "n/a";
    }

    public static String p(double p) {
        return Double.isFinite(p) ? String.format(Locale.ROOT, "%.3f", p) : "n/a";
    }
}
