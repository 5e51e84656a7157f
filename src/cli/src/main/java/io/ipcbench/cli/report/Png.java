package io.ipcbench.cli.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Charts as PNG bytes with XChart, drawn off screen (headless: no display is needed or used).
 * Every axis that spans sizes or costs is logarithmic, so points that are not positive cannot be
 * drawn and are left out.
 */
final class Png {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;
    /**
     * Plain numbers with thousands separators on the log axes (the unit is in the axis title):
     * XChart's custom tick formatters label a log axis as if it were linear.
     */
    private static final String DECIMALS = "#,##0.###";

    /** One line of a chart; a dashed line marks a reference, such as a floor. */
    record Line(String name, double[] x, double[] y, boolean dashed) {
    }

    /** One series of a bar chart: a value per category, NaN where there is none. */
    record Bars(String name, double[] values) {
    }

    /** Dashed lines are all grey: each gets its own dash pattern instead. */
    private static final BasicStroke[] DASHES = {SeriesLines.DASH_DASH, SeriesLines.DOT_DOT, SeriesLines.DASH_DOT};

    private Png() {
    }

    static byte[] lines(String title, String xTitle, String yTitle, List<Line> lines) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        // one line per mechanism and per floor: a row of legend entries would run off the image
        style(chart.getStyler(), Styler.LegendPosition.OutsideE, Styler.LegendLayout.Vertical);
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        chart.getStyler().setXAxisDecimalPattern(DECIMALS).setYAxisDecimalPattern(DECIMALS);
        int dashed = 0;
        for (Line line : lines) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < line.x().length; i++) {
                if (line.x()[i] > 0 && line.y()[i] > 0 && Double.isFinite(line.y()[i])) {
                    xs.add(line.x()[i]);
                    ys.add(line.y()[i]);
                }
            }
            if (!xs.isEmpty()) {
                XYSeries series = chart.addSeries(line.name(), xs, ys);
                if (line.dashed()) {
                    series.setMarker(SeriesMarkers.NONE);
                    series.setLineStyle(DASHES[dashed++ % DASHES.length]);
                    series.setLineColor(Color.DARK_GRAY);
                }
            }
        }
        return encode(chart);
    }

    static byte[] bars(String title, String yTitle, List<String> categories, List<Bars> bars) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yTitle).build();
        style(chart.getStyler(), Styler.LegendPosition.OutsideS, Styler.LegendLayout.Horizontal);
        double min = bars.stream().flatMapToDouble(b -> Arrays.stream(b.values()))
                .filter(v -> v > 0 && Double.isFinite(v)).min().orElse(1);
        // a logarithmic bar needs a floor below the smallest bar, a decade under it
        chart.getStyler().setYAxisLogarithmic(true).setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
        chart.getStyler().setYAxisDecimalPattern(DECIMALS);
        for (Bars series : bars) {
            List<Double> values = new ArrayList<>();
            for (double v : series.values()) {
                values.add(v > 0 && Double.isFinite(v) ? v : null);
            }
            chart.addSeries(series.name(), categories, values);
        }
        return encode(chart);
    }

    private static void style(Styler styler, Styler.LegendPosition legend, Styler.LegendLayout layout) {
        styler.setChartBackgroundColor(Color.WHITE).setLegendPosition(legend).setLegendLayout(layout)
                .setLegendBorderColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
    }

    private static byte[] encode(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
