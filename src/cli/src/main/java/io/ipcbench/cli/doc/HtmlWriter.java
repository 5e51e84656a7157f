package io.ipcbench.cli.doc;

import java.util.Base64;
import java.util.Iterator;
import java.util.List;

/**
 * Renders a {@link Doc} as one self-contained HTML page: inline CSS and script, images as data
 * URIs, nothing fetched from anywhere. Every heading has its id, every table sorts by a click on a
 * column's header (numbers by value, units and all: 950 ns before 1.2 µs), and a table of more
 * than five rows has a box that hides the rows not containing what is typed in it.
 */
public final class HtmlWriter {
    private static final String CSS = """
            body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1200px;padding:0 1em;color:#222}
            h1{font-size:1.6em}h2{font-size:1.3em;margin-top:1.8em;border-bottom:1px solid #ddd}h3{font-size:1.1em}h4{font-size:1em}
            table{border-collapse:collapse;margin:.8em 0;font-size:13px}
            th,td{border:1px solid #ccc;padding:3px 7px;vertical-align:top}th{background:#f3f3f3;text-align:left}
            table.sortable th{cursor:pointer}th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
            input.filter{margin:.6em 0 0;font-size:13px;width:18em}tr:target{outline:2px solid #e9b400}
            td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            td.bad{background:#fde2e1;font-weight:600}td.good{background:#e3f4e1}td.changed{background:#fff3c4;font-weight:600}
            td.muted{color:#888}code{background:#f3f3f3;padding:0 3px;border-radius:3px}
            nav.contents{background:#f8f8f8;border:1px solid #ddd;padding:.3em 1em;margin:1em 0}nav.contents ul{margin:.2em 0}
            img{max-width:100%;border:1px solid #eee;margin:.5em 0}svg{font:12px system-ui,sans-serif}
            """;
    /** Sorting and filtering of every table.sortable; a cell's value is its first number times its unit. */
    static final String SCRIPT = """
            (function () {
              var MOST_ROWS_WITHOUT_FILTER = 5;
              var units = {"ns": 1, "µs": 1e3, "us": 1e3, "ms": 1e6, "s": 1e9, "/s": 1, "k/s": 1e3, "M/s": 1e6, "G/s": 1e9,
                "B": 1, "KiB": 1024, "MiB": 1048576, "GiB": 1073741824, "%": 1, "×": 1};
              function value(cell) {
                var m = /^[^0-9+-]*([-+]?[0-9]+(?:\\.[0-9]+)?)\\s*(\\S*)/.exec(cell.textContent.trim());
                if (!m) { return null; }
                var unit = m[2].replace(/[,;]$/, "");
                return parseFloat(m[1]) * (units.hasOwnProperty(unit) ? units[unit] : 1);
              }
              function sort(table, column, header) {
                var ascending = header.getAttribute("aria-sort") !== "ascending";
                Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) { th.removeAttribute("aria-sort"); });
                header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
                var body = table.tBodies[0];
                var rows = Array.prototype.slice.call(body.rows);
                rows.sort(function (a, b) {
                  var x = value(a.cells[column]), y = value(b.cells[column]);
                  var order = (x !== null && y !== null) ? x - y
                      : (x === null && y === null) ? a.cells[column].textContent.localeCompare(b.cells[column].textContent)
                      : (x === null ? 1 : -1);
                  return ascending ? order : -order;
                });
                rows.forEach(function (row) { body.appendChild(row); });
              }
              Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
                Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, column) {
                  header.title = "sort by this column";
                  header.addEventListener("click", function () { sort(table, column, header); });
                });
                if (table.tBodies[0].rows.length <= MOST_ROWS_WITHOUT_FILTER) { return; }
                var filter = document.createElement("input");
                filter.type = "search";
                filter.className = "filter";
                filter.placeholder = "filter rows";
                table.parentNode.insertBefore(filter, table);
                filter.addEventListener("input", function () {
                  var wanted = filter.value.toLowerCase();
                  Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
                    row.style.display = row.textContent.toLowerCase().indexOf(wanted) < 0 ? "none" : "";
                  });
                });
              });
            })();
            """;

    private HtmlWriter() {
    }

    public static String render(Doc doc) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(doc.title())).append("</title><style>").append(CSS).append("</style></head><body>\n<h1>")
                .append(inline(doc.title())).append("</h1>\n");
        List<String> anchors = Anchors.of(doc.blocks());
        Iterator<String> ids = anchors.iterator();
        for (Doc.Block block : doc.blocks()) {
            switch (block) {
                case Doc.Heading h -> out.append("<h").append(h.level()).append(" id=\"").append(escape(ids.next())).append("\">")
                        .append(inline(h.text())).append("</h").append(h.level()).append(">\n");
                case Doc.Para p -> out.append("<p>").append(inline(p.text())).append("</p>\n");
                case Doc.Table t -> table(out, t);
                case Doc.Image i -> out.append("<img alt=\"").append(escape(i.alt())).append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(i.png())).append("\">\n");
                case Doc.Html h -> out.append(h.html()).append('\n');
                case Doc.Contents c -> contents(out, doc.blocks(), anchors);
            }
        }
        return out.append("<script>\n").append(SCRIPT).append("</script>\n</body></html>\n").toString();
    }

    /** A nested list of the headings of levels 2 and 3. */
    private static void contents(StringBuilder out, List<Doc.Block> blocks, List<String> anchors) {
        out.append("<nav class=\"contents\"><b>Contents</b>\n<ul>");
        Iterator<String> ids = anchors.iterator();
        boolean inner = false;
        boolean first = true;
        for (Doc.Block block : blocks) {
            if (!(block instanceof Doc.Heading h)) {
                continue;
            }
            String id = ids.next();
            if (h.level() == 2) {
                out.append(inner ? "</ul></li>" : first ? "" : "</li>").append("\n<li>");
                inner = false;
            } else if (h.level() == 3) {
                out.append(inner ? "\n" : "<ul>\n");
                inner = true;
            } else {
                continue;
            }
            first = false;
            out.append(h.level() == 3 ? "<li>" : "").append("<a href=\"#").append(escape(id)).append("\">")
                    .append(inline(h.text())).append("</a>").append(h.level() == 3 ? "</li>" : "");
        }
        out.append(inner ? "</ul></li>" : first ? "" : "</li>").append("\n</ul></nav>\n");
    }

    private static void table(StringBuilder out, Doc.Table table) {
        out.append("<table class=\"sortable\"><thead><tr>");
        table.header().forEach(h -> out.append("<th>").append(inline(h)).append("</th>"));
        out.append("</tr></thead><tbody>\n");
        for (int r = 0; r < table.rows().size(); r++) {
            List<Doc.Cell> row = table.rows().get(r);
            String id = table.rowIds().get(r);
            out.append(id == null ? "<tr>" : "<tr id=\"" + escape(id) + "\">");
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

    /** Escapes, then turns `code`, **bold** and [text](target) into their tags. */
    static String inline(String text) {
        return escape(text).replaceAll("`([^`]+)`", "<code>$1</code>").replaceAll("\\*\\*([^*]+)\\*\\*", "<b>$1</b>")
                .replaceAll("\\[([^\\]]+)\\]\\(([^)\\s]+)\\)", "<a href=\"$2\">$1</a>");
    }

    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
