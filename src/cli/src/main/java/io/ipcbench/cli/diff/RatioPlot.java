package io.ipcbench.cli.diff;

import io.ipcbench.cli.doc.HtmlWriter;
import io.ipcbench.cli.results.Fmt;
import java.util.List;
import java.util.Locale;
import java.util.stream.DoubleStream;

/**
 * Every deciding figure's change as an inline SVG forest plot: time per operation new / base on a log axis
 * (throughput inverted, so that right is slower for every row), the 95 % interval as a whisker,
 * the regression threshold dashed, regressions red, improvements green, the rest grey.
 */
final class RatioPlot {
    private static final int ROW = 16;
    private static final int LABEL = 620;
    private static final int PLOT = 460;
    private static final int TOP = 30;

    private RatioPlot() {
    }

    static String svg(List<RowDiff.Figure> rows, List<String> labels, double threshold) {
        double lo = 1 / (1 + threshold);
        double hi = 1 + threshold;
        for (RowDiff.Figure row : rows) {
            for (double v : new double[] {row.timeRatio(), row.timeInterval()[0], row.timeInterval()[1]}) {
                if (v > 0 && Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        double min = Math.log(lo / 1.1);
        double max = Math.log(hi * 1.1);
        int height = TOP + rows.size() * ROW + 30;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">", LABEL + PLOT + 20, height));
        svg.append(text(LABEL + PLOT / 2, 14, "time per operation, new / base (log scale; right is slower)", "middle"));
        for (double tick : ticks(lo, hi)) {
            double x = x(tick, min, max);
            svg.append(line(x, TOP - 4, x, height - 26, tick == 1 ? "#333" : "#ddd", tick == 1 ? 1.5 : 1, null));
            svg.append(text(x, height - 12, Fmt.num(tick) + "×", "middle"));
        }
        double limit = x(1 + threshold, min, max);
        svg.append(line(limit, TOP - 4, limit, height - 26, "#c0392b", 1, "4 3"));
        for (int i = 0; i < rows.size(); i++) {
            RowDiff.Figure row = rows.get(i);
            double y = TOP + i * ROW + ROW / 2.0;
            String colour = switch (row.outcome(threshold)) {
                case REGRESSION -> "#c0392b";
                case IMPROVEMENT -> "#27ae60";
                default -> "#7f8c8d";
            };
            svg.append(text(LABEL - 8, y + 4, labels.get(i), "end"));
            double[] interval = row.timeInterval();
            if (interval[0] > 0 && Double.isFinite(interval[0]) && Double.isFinite(interval[1])) {
                svg.append(line(x(interval[0], min, max), y, x(interval[1], min, max), y, colour, 1.5, null));
            }
            if (row.timeRatio() > 0 && Double.isFinite(row.timeRatio())) {
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>",
                        x(row.timeRatio(), min, max), y, colour));
            }
        }
        return svg.append("</svg>").toString();
    }

    private static double x(double ratio, double min, double max) {
        return LABEL + (Math.log(ratio) - min) / (max - min) * PLOT;
    }

    /** 1 and the usual multiples either side that fall in the range. */
    private static double[] ticks(double lo, double hi) {
        return DoubleStream.of(0.01, 0.1, 0.25, 0.5, 0.8, 1, 1.25, 2, 4, 10, 100)
                .filter(t -> t >= lo / 1.1 && t <= hi * 1.1).toArray();
    }

    private static String line(double x1, double y1, double x2, double y2, String colour, double width, String dash) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>",
                x1, y1, x2, y2, colour, width, dash == null ? "" : " stroke-dasharray=\"" + dash + "\"");
    }

    private static String text(double x, double y, String text, String anchor) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>", x, y, anchor,
                HtmlWriter.escape(text));
    }
}
