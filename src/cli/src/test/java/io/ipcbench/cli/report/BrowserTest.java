package io.ipcbench.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipcbench.cli.diff.DiffCommand;
import io.ipcbench.cli.flame.FlameTrials;
import io.ipcbench.cli.results.ReferenceRuns;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pages in a real browser: headless Chromium (Debian's package, which .ci/run installs when
 * missing) loads report.html, a diff's page and a pooled diff's page, each with a probe added
 * around the page's own script, which records every script error, then sorts a table (and filters
 * one), and writes what it saw into the page; Chromium prints the page as it then is. Every file a
 * diff page links to exists, and the flame graphs it links to (async-profiler's, single and
 * differential) load and draw without a script error.
 */
class BrowserTest {
    /** Chromium's own start-up, not the page: a bound on a browser that hangs, never a measurement. */
    private static final long BROWSER_MINUTES = 3;
    private static final String ERRORS = """
            <script>window.reportErrors = []; window.addEventListener("error", function (e) { window.reportErrors.push(String(e.message)); });</script>
            """;
    private static final String REPORT_PROBE = """
            var table = document.getElementById("pipe-round-trips");
            while (table && table.tagName !== "TABLE") { table = table.nextElementSibling; }
            var headers = table.tHead.rows[0].cells, column = -1;
            for (var i = 0; i < headers.length; i++) { if (headers[i].textContent === "p50") { column = i; } }
            var read = function () { return Array.prototype.map.call(table.tBodies[0].rows, function (r) { return r.cells[column].textContent; }); };
            headers[column].click();
            seen.ascending = read();
            seen.ascendingMark = headers[column].getAttribute("aria-sort");
            headers[column].click();
            seen.descending = read();
            var filter = table.previousElementSibling;
            filter.value = "BUSY_POLL";
            filter.dispatchEvent(new Event("input"));
            seen.shownAfterFilter = Array.prototype.filter.call(table.tBodies[0].rows, function (r) { return r.style.display !== "none"; })
                .map(function (r) { return r.textContent.indexOf("BUSY_POLL") >= 0; });
            seen.filters = document.querySelectorAll("input.filter").length;
            seen.longTables = Array.prototype.filter.call(document.querySelectorAll("table"), function (t) { return t.tBodies[0].rows.length > 5; }).length;
            seen.brokenImages = Array.prototype.filter.call(document.images, function (img) { return !(img.naturalWidth > 0); }).length;
            seen.images = document.images.length;
            """;
    /** A diff page: its plot, the first per-operation flame table sorted by its "new /Mop" column, every link. */
    private static final String DIFF_PROBE = """
            seen.plots = document.querySelectorAll("svg").length;
            seen.brokenImages = Array.prototype.filter.call(document.images, function (img) { return !(img.naturalWidth > 0); }).length;
            var table = Array.prototype.filter.call(document.querySelectorAll("table.sortable"), function (t) {
              return Array.prototype.some.call(t.tHead.rows[0].cells, function (c) { return c.textContent === "new /Mop"; }); })[0];
            var headers = table.tHead.rows[0].cells, column = -1;
            for (var i = 0; i < headers.length; i++) { if (headers[i].textContent === "new /Mop") { column = i; } }
            var read = function () { return Array.prototype.map.call(table.tBodies[0].rows, function (r) { return parseFloat(r.cells[column].textContent); }); };
            headers[column].click();
            seen.ascending = read();
            headers[column].click();
            seen.descending = read();
            seen.links = Array.prototype.map.call(document.querySelectorAll("a[href]"), function (a) { return a.getAttribute("href"); })
                .filter(function (href) { return href.charAt(0) !== "#"; });
            """;
    /** An async-profiler flame graph: how many frames it laid out, and a search that finds some. */
    private static final String FLAME_PROBE = """
            seen.frames = levels.reduce(function (n, level) { return n + level.length; }, 0);
            search("a");
            seen.matched = document.getElementById("matchval").textContent;
            """;

    @TempDir
    Path dir;
    private Path chromium;

    @BeforeEach
    void findChromium() {
        Optional<Path> found = Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser").map(Path::of).filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(found.isPresent(), "Chromium is not installed (apt-get install chromium; .ci/run installs it): "
                + "the pages are not tried in a browser here");
        chromium = found.get();
    }

    @Test
    void theReportRunsWithoutScriptErrorsItsPlotsLoadAndATableSortsAndFilters() throws IOException, InterruptedException {
        Path run = ReferenceRuns.copy(ReferenceRuns.QUICK, dir);
        ReportCommand.write(run);
        JsonNode seen = probe(run.resolve("report.html"), REPORT_PROBE);

        assertEquals(0, seen.get("errors").size(), "script errors: " + seen.get("errors"));
        assertEquals(seen.get("longTables").asInt(), seen.get("filters").asInt(), "a filter box above every table of more than five rows");
        assertTrue(seen.get("images").asInt() > 20 && seen.get("brokenImages").asInt() == 0, "every plot loads: " + seen);
        assertEquals("ascending", seen.get("ascendingMark").asText());
        List<Double> ascending = nanos(seen.get("ascending"));
        List<Double> descending = nanos(seen.get("descending"));
        assertEquals(6, ascending.size(), "the quick run's six pipe round trips");
        assertEquals(ascending.stream().sorted().toList(), ascending, "sorted by value, units and all: " + seen.get("ascending"));
        assertEquals(ascending.reversed(), descending, "a second click reverses");
        assertEquals(List.of(true, true, true), mapped(seen.get("shownAfterFilter")), "only the BUSY_POLL rows are left shown");
    }

    /** The two committed flame runs, made on two kernel builds: the diff page and the graphs it links to. */
    @Test
    void theDiffPageAndItsFlameGraphsRunWithoutScriptErrors() throws IOException, InterruptedException {
        Path base = ReferenceRuns.copy(ReferenceRuns.FLAME_EARLIER_KERNEL, dir.resolve("base"));
        Path changed = ReferenceRuns.copy(ReferenceRuns.FLAME, dir.resolve("new"));
        Path page = dir.resolve("diff.html");
        DiffCommand.run(List.of(base.toString(), changed.toString(), "--html=" + page), quiet(), quiet());
        JsonNode seen = checkDiffPage(page);
        assertTrue(seen.get("plots").asInt() >= 1, "the plot of every deciding figure's ratio: " + seen);
    }

    @Test
    void thePooledDiffPageAndItsFlameGraphsRunWithoutScriptErrors() throws IOException, InterruptedException {
        List<String> args = new ArrayList<>();
        for (String side : List.of("a", "b")) {
            for (int copy = 1; copy <= 2; copy++) {
                String run = side.equals("a") ? ReferenceRuns.FLAME_EARLIER_KERNEL : ReferenceRuns.FLAME;
                args.add(ReferenceRuns.copy(run, dir.resolve(side + copy)).toString());
            }
            if (side.equals("a")) {
                args.add("--");
            }
        }
        Path page = dir.resolve("pooled.html");
        args.add("--html=" + page);
        DiffCommand.run(args, quiet(), quiet());
        checkDiffPage(page);
    }

    /** What a diff page shows in the browser, every link it has and the flame graphs it links to; returns what its probe saw. */
    private JsonNode checkDiffPage(Path page) throws IOException, InterruptedException {
        JsonNode seen = probe(page, DIFF_PROBE);
        assertEquals(0, seen.get("errors").size(), "script errors: " + seen.get("errors"));
        assertEquals(0, seen.get("brokenImages").asInt(), "every image loads: " + seen);
        List<Double> ascending = numbers(seen.get("ascending"));
        assertTrue(ascending.size() > 1, "a flame table to sort: " + seen);
        assertEquals(ascending.stream().sorted().toList(), ascending, "sorted: " + seen.get("ascending"));
        assertEquals(ascending.reversed(), numbers(seen.get("descending")), "a second click reverses");

        List<Path> linked = new ArrayList<>();
        seen.get("links").forEach(href -> linked.add(page.resolveSibling(URLDecoder.decode(href.asText(), StandardCharsets.UTF_8)).normalize()));
        linked.forEach(file -> assertTrue(!FlameTrials.isEmpty(file), "the link to " + file + " resolves to a graph"));
        Path differential = linked.stream().filter(f -> f.getParent().getFileName().toString().endsWith("-flame")).findFirst().orElseThrow();
        Path single = linked.stream().filter(f -> f.getFileName().toString().contains("flame-cpu-forward")).findFirst().orElseThrow();
        for (Path graph : List.of(differential, single)) {
            JsonNode flame = probe(graph, FLAME_PROBE);
            assertEquals(0, flame.get("errors").size(), graph + ": script errors: " + flame.get("errors"));
            assertTrue(flame.get("frames").asInt() > 10, graph + " draws its frames: " + flame);
            assertFalse(flame.get("matched").asText().startsWith("0"), graph + ": a search finds frames: " + flame);
        }
        return seen;
    }

    /**
     * Loads a copy of {@code page} with the error recorder first and {@code probe} run on load (with
     * {@code seen}, which it fills, in scope), and returns what the probe saw.
     */
    private JsonNode probe(Path page, String probe) throws IOException, InterruptedException {
        String script = "<script>window.addEventListener(\"load\", function () { var seen = {errors: window.reportErrors}; try {\n"
                + probe + "} catch (e) { seen.errors.push(\"probe: \" + e.message); }\n"
                + "var out = document.createElement(\"pre\"); out.id = \"browser-probe\"; out.textContent = JSON.stringify(seen); "
                + "document.body.appendChild(out); });</script>";
        String html = Files.readString(page);
        Path probed = Files.writeString(page.resolveSibling("probed-" + page.getFileName()),
                html.replaceFirst("<head>", "<head>" + ERRORS).replace("</body>", script + "</body>"));
        Path log = dir.resolve("chromium.log");
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--disable-gpu", "--no-sandbox",
                "--no-first-run", "--user-data-dir=" + dir.resolve("profile"), "--dump-dom", probed.toUri().toString()));
        Process browser = new ProcessBuilder(command).redirectError(log.toFile()).start();
        byte[] dom = browser.getInputStream().readAllBytes();
        assertTrue(browser.waitFor(BROWSER_MINUTES, TimeUnit.MINUTES), "Chromium ends");
        String text = new String(dom, StandardCharsets.UTF_8);
        int start = text.indexOf("<pre id=\"browser-probe\">");
        assertTrue(start >= 0, "the probe ran on " + page + "; Chromium said: " + Files.readString(log));
        String json = text.substring(start + "<pre id=\"browser-probe\">".length(), text.indexOf("</pre>", start))
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        return new ObjectMapper().readTree(json);
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    private static List<Boolean> mapped(JsonNode array) {
        List<Boolean> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asBoolean()));
        return values;
    }

    private static List<Double> numbers(JsonNode array) {
        List<Double> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asDouble()));
        return values;
    }

    /** "14.7 µs" → 14700 */
    private static List<Double> nanos(JsonNode cells) {
        List<Double> values = new ArrayList<>();
        for (JsonNode cell : cells) {
            String[] parts = cell.asText().split(" ");
            double factor = switch (parts[1]) {
                case "ns" -> 1;
                case "µs" -> 1e3;
                case "ms" -> 1e6;
                default -> throw new AssertionError("a time: " + cell);
            };
            values.add(Double.parseDouble(parts[0]) * factor);
        }
        return values;
    }
}
