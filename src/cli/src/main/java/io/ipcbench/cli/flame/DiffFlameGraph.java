package io.ipcbench.cli.flame;

import io.ipcbench.cli.doc.HtmlWriter;
import io.ipcbench.cli.results.Fmt;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A differential flame graph in plain HTML (no script): the stacks of both runs merged into one
 * tree, each frame as wide as the larger of its two per-operation weights, red where the new run
 * spends more per operation, blue where less, white where the same (Brendan Gregg's colouring, on
 * normalised counts). Root at the top; hover a frame for its numbers. Frames narrower than 0.2 %
 * are left out.
 */
public final class DiffFlameGraph {
    private static final double MIN_WIDTH = 0.002;
    private static final int ROW = 17;
    private static final String STYLE = "<style>.fg{position:relative;font:11px monospace;overflow:hidden}.fg div{position:"
            + "absolute;height:" + ROW + "px;border:1px solid #fff;box-sizing:border-box;white-space:nowrap;overflow:hidden}</style>";

    private DiffFlameGraph() {
    }

    /** A frame of the merged tree, with per-operation weights of both runs. */
    private static final class Node {
        double base;
        double changed;
        final Map<String, Node> children = new LinkedHashMap<>();

        double width() {
            return Math.max(base, changed);
        }
    }

    /** @param baseScale multiplies a base sample count into samples per million operations; likewise newScale */
    public static String html(Collapsed base, double baseScale, Collapsed changed, double newScale) {
        Node root = new Node();
        add(root, base, baseScale, true);
        add(root, changed, newScale, false);
        StringBuilder frames = new StringBuilder();
        int depth = draw(frames, "all", root, 0, 100, 0);
        return "<details><summary>differential flame graph (width: the larger per-operation weight; red: more per "
                + "operation in new, blue: less)</summary>" + STYLE + "<div class=\"fg\" style=\"height:" + (depth + 1) * ROW
                + "px\">" + frames + "</div></details>";
    }

    private static void add(Node root, Collapsed profile, double scale, boolean isBase) {
        profile.stacks().forEach((stack, samples) -> {
            double weight = samples * scale;
            Node node = root;
            bump(node, weight, isBase);
            for (String frame : stack) {
                node = node.children.computeIfAbsent(frame, f -> new Node());
                bump(node, weight, isBase);
            }
        });
    }

    private static void bump(Node node, double weight, boolean isBase) {
        if (isBase) {
            node.base += weight;
        } else {
            node.changed += weight;
        }
    }

    /**
     * Draws a frame and its children; returns the deepest level drawn. Children share their parent's
     * width in proportion to their weights; where their larger weights add up to more than the
     * parent's (one grew, another shrank), they are scaled down to fit.
     */
    private static int draw(StringBuilder out, String name, Node node, double left, double width, int depth) {
        double change = node.width() == 0 ? 0 : (node.changed - node.base) / node.width();
        int fade = (int) Math.round(255 * (1 - Math.min(1, Math.abs(change))));
        String colour = change >= 0 ? String.format(Locale.ROOT, "rgb(255,%d,%d)", fade, fade)
                : String.format(Locale.ROOT, "rgb(%d,%d,255)", fade, fade);
        out.append(String.format(Locale.ROOT, "<div title=\"%s&#10;base %s, new %s per Mop (%s)\" style=\"left:%.3f%%;"
                        + "width:%.3f%%;top:%dpx;background:%s\">%s</div>", HtmlWriter.escape(name), Fmt.num(node.base),
                Fmt.num(node.changed), Fmt.change(node.base == 0 ? Double.NaN : node.changed / node.base), left, width,
                depth * ROW, colour, HtmlWriter.escape(name)));
        int deepest = depth;
        double x = left;
        double share = Math.max(node.width(), node.children.values().stream().mapToDouble(Node::width).sum());
        for (Map.Entry<String, Node> child : sorted(node)) {
            double w = width * child.getValue().width() / share;
            if (w >= MIN_WIDTH * 100) {
                deepest = Math.max(deepest, draw(out, child.getKey(), child.getValue(), x, w, depth + 1));
            }
            x += w;
        }
        return deepest;
    }

    private static List<Map.Entry<String, Node>> sorted(Node node) {
        return node.children.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList();
    }
}
