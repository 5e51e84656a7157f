package io.ipcbench.cli.doc;

import java.util.Iterator;
import java.util.List;

/**
 * Renders a {@link Doc} as GitHub-flavoured Markdown; images are referenced by their file name, the
 * table of contents links to GitHub's anchors of the headings ({@link Anchors}).
 */
public final class MarkdownWriter {
    private MarkdownWriter() {
    }

    public static String render(Doc doc) {
        StringBuilder out = new StringBuilder("# ").append(doc.title()).append("\n\n");
        for (Doc.Block block : doc.blocks()) {
            switch (block) {
                case Doc.Heading h -> out.append("#".repeat(h.level())).append(' ').append(h.text()).append("\n\n");
                case Doc.Para p -> out.append(p.text()).append("\n\n");
                case Doc.Table t -> table(out, t);
                case Doc.Image i -> out.append("![").append(i.alt()).append("](").append(i.file()).append(")\n\n");
                case Doc.Html h -> out.append(h.markdown()).append("\n\n");
                case Doc.Contents c -> contents(out, doc.blocks());
            }
        }
        return out.toString();
    }

    /** A nested list of the headings of levels 2 and 3. */
    private static void contents(StringBuilder out, List<Doc.Block> blocks) {
        Iterator<String> ids = Anchors.of(blocks).iterator();
        out.append("Contents:\n\n");
        for (Doc.Block block : blocks) {
            if (block instanceof Doc.Heading h) {
                String id = ids.next();
                if (h.level() == 2 || h.level() == 3) {
                    out.append(h.level() == 3 ? "  - " : "- ").append('[').append(h.text()).append("](#").append(id).append(")\n");
                }
            }
        }
        out.append('\n');
    }

    private static void table(StringBuilder out, Doc.Table table) {
        out.append("| ").append(String.join(" | ", table.header().stream().map(MarkdownWriter::escape).toList())).append(" |\n|");
        for (int c = 0; c < table.header().size(); c++) {
            out.append(table.numeric()[c] ? "---:|" : "---|");
        }
        out.append('\n');
        for (List<Doc.Cell> row : table.rows()) {
            out.append("| ").append(String.join(" | ", row.stream().map(MarkdownWriter::cell).toList())).append(" |\n");
        }
        out.append('\n');
    }

    private static String cell(Doc.Cell cell) {
        String text = escape(cell.text());
        return switch (cell.mark()) {
            case BAD, CHANGED -> text.isEmpty() ? text : "**" + text + "**";
            case GOOD -> text.isEmpty() ? text : "_" + text + "_";
            case PLAIN, MUTED -> text;
        };
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
