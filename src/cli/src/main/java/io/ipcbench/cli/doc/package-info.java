/**
 * A document as a list of blocks ({@link Doc}: headings, paragraphs, tables with marked cells and
 * row anchors, images, HTML-only parts, a table of contents), rendered as GitHub-flavoured Markdown
 * ({@link MarkdownWriter}) and as one self-contained HTML page ({@link HtmlWriter}: inline CSS and
 * a small script that sorts and filters its tables), both with GitHub's heading anchors
 * ({@link Anchors}), so that the two files of a report or a diff say the same and link alike. It
 * depends on nothing else of the CLI.
 */
package io.ipcbench.cli.doc;
