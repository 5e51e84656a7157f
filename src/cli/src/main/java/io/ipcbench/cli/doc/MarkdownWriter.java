package io.ipcbench.cli.doc;

import java.util.List;

/** Renders a {@link Doc} as GitHub-flavoured Markdown; images are referenced by their file name. */
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
            }
        }
        return out.toString();
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
