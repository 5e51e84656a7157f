package io.ipcbench.cli.report;

/** A plot of a report: its file name beside report.md, what it shows, the PNG. */
record Chart(String file, String title, byte[] png) {
}
