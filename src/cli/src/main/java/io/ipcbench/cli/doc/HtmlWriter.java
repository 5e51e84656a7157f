package io.ipcbench.cli.doc;

import java.util.Base64;
import java.util.List;

/** Renders a {@link Doc} as one self-contained HTML page: inline CSS, images as data URIs. */
public final class HtmlWriter {
    private static final String CSS = """
            body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1200px;padding:0 1em;color:#222}
            h1{font-size:1.6em}h2{font-size:1.3em;margin-top:1.8em;border-bottom:1px solid #ddd}h3{font-size:1.1em}
            table{border-collapse:collapse;margin:.8em 0;font-size:13px}
            th,td{border:1px solid #ccc;padding:3px 7px;vertical-align:top}th{background:#f3f3f3;text-align:left}
            td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            td.bad{background:#fde2e1;font-weight:600}td.good{background:#e3f4e1}td.changed{background:#fff3c4;font-weight:600}
            td.muted{color:#888}code{background:#f3f3f3;padding:0 3px;border-radius:3px}
            img{max-width:100%;border:1px solid #eee;margin:.5em 0}svg{font:12px system-ui,sans-serif}
            """;

    private HtmlWriter() {
    }

    public static String render(Doc doc) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(doc.title())).append("</title><style>").append(CSS).append("</style></head><body>\n<h1>")
                .append(inline(doc.title())).append("</h1>\n");
        for (Doc.Block block : doc.blocks()) {
            switch (block) {
                case Doc.Heading h -> out.append("<h").append(h.level()).append('>').append(inline(h.text()))
                        .append("</h").append(h.level()).append(">\n");
                case Doc.Para p -> out.append("<p>").append(inline(p.text())).append("</p>\n");
                case Doc.Table t -> table(out, t);
                case Doc.Image i -> out.append("<img alt=\"").append(escape(i.alt())).append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(i.png())).append("\">\n");
                case Doc.Html h -> out.append(h.html()).append('\n');
            }
        }
        return out.append("</body></html>\n").toString();
    }

    private static void table(StringBuilder out, Doc.Table table) {
        out.append("<table><thead><tr>");
        table.header().forEach(h -> out.append("<th>").append(inline(h)).append("</th>"));
        out.append("</tr></thead><tbody>\n");
        for (List<Doc.Cell> row : table.rows()) {
            out.append("<tr>");
            for (int c = 0; c < row.size(); c++) {
                Doc.Cell cell = row.get(c);
                String classes = ((c < table.numeric().length && table.numeric()[c] ? "num " : "")
                        + (cell.mark() == Doc.Mark.PLAIN ? "" : cell.mark().name().toLowerCase())).strip();
                out.append(classes.isEmpty() ? "<td>" : "<td class=\"" + classes + "\">").append(inline(cell.text())).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    /** Escapes, then turns `code` and **bold** into their tags. */
    static String inline(String text) {
        return escape(text).replaceAll("`([^`]+)`", "<code>$1</code>").replaceAll("\\*\\*([^*]+)\\*\\*", "<b>$1</b>");
    }

    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
