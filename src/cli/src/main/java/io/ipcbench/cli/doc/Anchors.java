package io.ipcbench.cli.doc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The anchors of a document's headings, as GitHub makes them for Markdown: lower case, punctuation
 * but '-' and '_' dropped, spaces turned into '-', and a repeated one suffixed -1, -2 ... in
 * document order. The HTML page uses the same ids, so one link works in both files.
 */
public final class Anchors {
    private Anchors() {
    }

    /** "Module `pipe`" → "module-pipe" */
    public static String slug(String text) {
        String plain = text.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        plain.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                out.appendCodePoint(c);
            } else if (c == ' ') {
                out.append('-');
            }
        });
        return out.toString();
    }

    /** The anchor of every heading of {@code blocks}, in order. */
    static List<String> of(List<Doc.Block> blocks) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> ids = new ArrayList<>();
        for (Doc.Block block : blocks) {
            if (block instanceof Doc.Heading h) {
                String slug = slug(h.text());
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                ids.add(n == 0 ? slug : slug + "-" + n);
            }
        }
        return ids;
    }
}
