/**
 * A document as a list of blocks ({@link Doc}: headings, paragraphs, tables with marked cells,
 * images, HTML-only parts), rendered as GitHub-flavoured Markdown ({@link MarkdownWriter}) and as
 * one self-contained HTML page ({@link HtmlWriter}), so that the two files of a report or a diff
 * say the same. It depends on nothing else of the CLI.
 */
package io.ipcbench.cli.doc;
