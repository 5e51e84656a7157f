package io.ipcbench.cli.doc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A report as a list of blocks, so that the Markdown and the HTML of one report come from the same
 * content ({@link MarkdownWriter}, {@link HtmlWriter}). Text may use `code` and **bold**.
 */
public final class Doc {
    /** How a cell should stand out: a regression, an improvement, a difference between two runs. */
    public enum Mark { PLAIN, GOOD, BAD, CHANGED, MUTED }

    public record Cell(String text, Mark mark) {
        public static Cell of(String text) {
            return new Cell(text, Mark.PLAIN);
        }
    }

    sealed interface Block permits Heading, Para, Table, Image, Html {
    }

    record Heading(int level, String text) implements Block {
    }

    record Para(String text) implements Block {
    }

    /** @param numeric per column: right-aligned */
    record Table(List<String> header, List<List<Cell>> rows, boolean[] numeric) implements Block {
    }

    /** A PNG: a file beside report.md, embedded as a data URI in the HTML. */
    record Image(String file, String alt, byte[] png) implements Block {
    }

    /** HTML only (an SVG plot, a flame graph), with what the Markdown says in its place. */
    record Html(String html, String markdown) implements Block {
    }

    private final String title;
    private final List<Block> blocks = new ArrayList<>();

    public Doc(String title) {
        this.title = title;
    }

    String title() {
        return title;
    }

    List<Block> blocks() {
        return List.copyOf(blocks);
    }

    public Doc heading(int level, String text) {
        blocks.add(new Heading(level, text));
        return this;
    }

    public Doc para(String text) {
        blocks.add(new Para(text));
        return this;
    }

    public Doc image(String file, String alt, byte[] png) {
        blocks.add(new Image(file, alt, png));
        return this;
    }

    public Doc html(String html, String markdown) {
        blocks.add(new Html(html, markdown));
        return this;
    }

    public Doc add(Doc other) {
        blocks.addAll(other.blocks);
        return this;
    }

    public TableBuilder table(String... header) {
        return new TableBuilder(List.of(header));
    }

    /** Rows added one by one; {@link #done} puts the table in the document (nothing when it has no rows). */
    public final class TableBuilder {
        private final List<String> header;
        private final List<List<Cell>> rows = new ArrayList<>();
        private final boolean[] numeric;

        private TableBuilder(List<String> header) {
            this.header = header;
            this.numeric = new boolean[header.size()];
        }

        /** Marks columns (0-based) as numbers: right-aligned. */
        public TableBuilder numeric(int... columns) {
            Arrays.stream(columns).forEach(c -> numeric[c] = true);
            return this;
        }

        public TableBuilder row(Object... cells) {
            List<Cell> row = new ArrayList<>();
            for (Object cell : cells) {
                row.add(cell instanceof Cell c ? c : Cell.of(String.valueOf(cell)));
            }
            rows.add(row);
            return this;
        }

        public boolean isEmpty() {
            return rows.isEmpty();
        }

        public Doc done() {
            if (!rows.isEmpty()) {
                blocks.add(new Table(header, List.copyOf(rows), numeric.clone()));
            }
            return Doc.this;
        }
    }
}
