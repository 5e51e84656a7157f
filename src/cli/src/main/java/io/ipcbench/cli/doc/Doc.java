package io.ipcbench.cli.doc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A report as a list of blocks, so that the Markdown and the HTML of one report come from the same
 * content ({@link MarkdownWriter}, {@link HtmlWriter}). Text may use `code`, **bold** and
 * [links](target). Every heading gets the anchor GitHub gives it ({@link Anchors}), so that a
 * table of contents ({@link #contents}) and a link to {@code #anchor} work in both files; a table
 * row may carry an anchor of its own.
 */
public final class Doc {
    /** How a cell should stand out: a regression, an improvement, a difference between two runs. */
    public enum Mark { PLAIN, GOOD, BAD, CHANGED, MUTED }

    public record Cell(String text, Mark mark) {
        public static Cell of(String text) {
            return new Cell(text, Mark.PLAIN);
        }
    }

    sealed interface Block permits Heading, Para, Table, Image, Html, Contents {
    }

    record Heading(int level, String text) implements Block {
    }

    record Para(String text) implements Block {
    }

    /**
     * @param numeric per column: right-aligned
     * @param rowIds  per row: its anchor, or null
     */
    record Table(List<String> header, List<List<Cell>> rows, boolean[] numeric, List<String> rowIds) implements Block {
    }

    /** Where the table of contents goes: a link to every heading of levels 2 and 3. */
    record Contents() implements Block {
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

    /** Puts the table of contents here. */
    public Doc contents() {
        blocks.add(new Contents());
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
        private final List<String> rowIds = new ArrayList<>();
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
            rowIds.add(null);
            return this;
        }

        /** Gives the last row added an anchor ({@link Anchors#slug} of {@code name}), which links can point at. */
        public TableBuilder anchor(String name) {
            rowIds.set(rowIds.size() - 1, Anchors.slug(name));
            return this;
        }

        public boolean isEmpty() {
            return rows.isEmpty();
        }

        public Doc done() {
            if (!rows.isEmpty()) {
                blocks.add(new Table(header, List.copyOf(rows), numeric.clone(), java.util.Collections.unmodifiableList(new ArrayList<>(rowIds))));
            }
            return Doc.this;
        }
    }
}
