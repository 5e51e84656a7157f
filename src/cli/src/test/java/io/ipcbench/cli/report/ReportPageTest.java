package io.ipcbench.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipcbench.cli.results.Fixtures;
import io.ipcbench.cli.results.ReferenceRuns;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html as a page to navigate: summary, contents, anchors, sortable tables, flame links, its script. */
class ReportPageTest {
    private static final Pattern ID = Pattern.compile(" id=\"([^\"]+)\"");
    private static final Pattern LOCAL_HREF = Pattern.compile("href=\"#([^\"]*)\"");
    private static final Pattern FILE_HREF = Pattern.compile("href=\"([^\"#][^\"]*)\"");

    @TempDir
    Path dir;

    @Test
    void theSummaryComesFirstThenTheContentsAndEveryInternalLinkResolves() throws IOException {
        Path run = ReferenceRuns.copy(ReferenceRuns.QUICK, dir);
        ReportCommand.write(run);
        String html = Files.readString(run.resolve("report.html"));
        int summary = html.indexOf("<h2 id=\"summary\">Summary</h2>");
        int contents = html.indexOf("<nav class=\"contents\">");
        int environment = html.indexOf("<h2 id=\"environment\">Environment</h2>");
        assertTrue(summary > 0 && contents > summary && environment > contents, "summary, contents, ..., environment last");
        assertTrue(html.lastIndexOf("<h2 ") == environment, "the environment is the last section");
        String summaryText = html.substring(summary, contents);
        for (String expected : List.of("AMD EPYC", "kernel 6.18.44-fc-v1272", "% stolen by the hypervisor",
                "no housekeeping CPU", "forks in two modes", "cannot show: one fork per result", "<a href=\"#lessons\">")) {
            assertTrue(summaryText.contains(expected), expected + " in the summary: " + summaryText);
        }
        List<String> ids = all(ID, html);
        assertEquals(ids.size(), new HashSet<>(ids).size(), "no id twice");
        List<String> hrefs = all(LOCAL_HREF, html);
        for (String module : List.of("shm", "pipe", "fifo", "uds", "tcp", "mqueue", "eventfd", "signal", "mmap", "cacheline")) {
            assertTrue(hrefs.contains("module-" + module), "the contents link module " + module);
            assertTrue(ids.contains(module + "-round-trips"), "an anchor at " + module + "'s round trips");
        }
        assertTrue(ids.contains("row-pipe-pipelatencyroundtrip-pinning-cross-core-size-64-wait-blocking"), "an anchor per result row");
        Set<String> missing = new HashSet<>(hrefs);
        ids.forEach(missing::remove);
        assertTrue(missing.isEmpty(), "links without their anchor: " + missing);
        assertTrue(hrefs.size() >= 15, "the contents and the summary's links: " + hrefs.size());

        String md = Files.readString(run.resolve("report.md"));
        assertTrue(md.contains("- [Results by module](#results-by-module)\n  - [Module `") && md.contains("\n  - [Module `shm`](#module-shm)\n"),
                "Markdown's contents");
    }

    @Test
    void everyTableIsSortableAndFilterableByTheInlineScript() throws IOException {
        Path run = ReferenceRuns.copy(ReferenceRuns.QUICK, dir);
        ReportCommand.write(run);
        String html = Files.readString(run.resolve("report.html"));
        int tables = html.split("<table", -1).length - 1;
        assertTrue(tables > 30, "the quick run's tables: " + tables);
        assertEquals(tables, html.split("<table class=\"sortable\">", -1).length - 1, "every table sortable");
        assertEquals(1, html.split("<script>", -1).length - 1, "one script, inline");
        assertFalse(html.contains("<script src"), "nothing fetched");
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "no external URL in the page");
    }

    @Test
    void theScriptIsBalancedAndParses() throws IOException, InterruptedException {
        Path run = Fixtures.copy(Fixtures.QUICK, dir);
        ReportCommand.write(run);
        String html = Files.readString(run.resolve("report.html"));
        String script = html.substring(html.indexOf("<script>") + "<script>".length(), html.indexOf("</script>"));
        assertFalse(script.contains("http"), "no URL in the script");
        assertTrue(balanced(script), "brackets, braces and parentheses balanced");
        Path file = Files.writeString(dir.resolve("report.js"), script);
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/node")), "node is not installed: the script's syntax is not checked by a parser");
        Process check = new ProcessBuilder("/usr/bin/node", "--check", file.toString()).redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(60, TimeUnit.SECONDS), "node --check ends");
        assertEquals(0, check.exitValue(), "node --check: " + output);
    }

    @Test
    void everyProfiledRowLinksToBothProcessesFlameGraphsAndTheEmptyOneIsNamed() throws IOException {
        Path run = ReferenceRuns.copy(ReferenceRuns.FLAME, dir);
        ReportCommand.write(run);
        String html = Files.readString(run.resolve("report.html"));
        Set<Path> linked = new HashSet<>();
        for (String link : all(FILE_HREF, html)) {
            linked.add(run.resolve(URLDecoder.decode(link, StandardCharsets.UTF_8)).normalize());
        }
        Set<Path> graphs;
        try (Stream<Path> files = Files.walk(run.resolve("flame"))) {
            graphs = files.filter(f -> f.toString().endsWith(".html")).map(Path::normalize).collect(Collectors.toSet());
        }
        Set<Path> nonEmpty = graphs.stream().filter(f -> f.toFile().length() > 0).collect(Collectors.toSet());
        assertEquals(graphs.size() - 1, nonEmpty.size(), "the committed flame run has one empty graph");
        assertEquals(nonEmpty, linked, "every graph that is not empty is linked, nothing else");
        List<String> links = all(FILE_HREF, html);
        assertTrue(links.stream().anyMatch(l -> l.endsWith("/peer-flame-cpu-forward.html")), "the peer's graphs are linked");
        String md = Files.readString(run.resolve("report.md"));
        assertTrue(md.contains("1 graph file is empty (its process's dump failed): `flame/io.ipcbench.pipe.PipeThroughput.oneWay-"
                + "Throughput-pinning-cross-core-size-65536-wait-BLOCKING/peer-flame-cpu-forward.html`"), "named in the summary");
        assertTrue(md.contains("peer: cpu-forward (empty file: the dump failed) [cpu-reverse]"), "and in its row");
    }

    @Test
    void aRowWithoutAPeerGraphSaysSo() throws IOException {
        // the trimmed flame fixture holds collapsed stacks only: one graph made for the pipe's 64 B round trip's JVM
        Path run = Fixtures.copy(Fixtures.FLAME, dir);
        Path trial = run.resolve("flame/io.ipcbench.pipe.PipeLatency.roundTrip-SampleTime-pinning-cross-core-size-64-wait-BLOCKING");
        Files.writeString(trial.resolve("flame-cpu-forward.html"), "<html></html>");
        String md = Files.readString(ReportCommand.write(run));
        assertTrue(md.contains("| benchmark JVM: [cpu-forward](flame/io.ipcbench.pipe.PipeLatency.roundTrip-SampleTime-pinning-"
                + "cross-core-size-64-wait-BLOCKING/flame-cpu-forward.html); peer: none |"), md);
    }

    private static boolean balanced(String script) {
        String open = "([{";
        String close = ")]}";
        List<Character> stack = new ArrayList<>();
        boolean inString = false;
        for (char c : script.toCharArray()) {
            if (c == '"') {
                inString = !inString;
            } else if (!inString && open.indexOf(c) >= 0) {
                stack.add(c);
            } else if (!inString && close.indexOf(c) >= 0) {
                if (stack.isEmpty() || open.indexOf(stack.removeLast()) != close.indexOf(c)) {
                    return false;
                }
            }
        }
        return stack.isEmpty() && !inString;
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
