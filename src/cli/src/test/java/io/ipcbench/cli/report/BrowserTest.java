package io.ipcbench.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipcbench.cli.results.ReferenceRuns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html in a real browser: headless Chromium (Debian's package, which .ci/run installs when
 * missing) loads the quick reference run's page with a probe added around the report's own script,
 * which records every script error, then clicks a column's header twice and types in a table's
 * filter, and writes what it saw into the page; Chromium prints the page as it then is.
 */
class BrowserTest {
    /** Chromium's own start-up, not the page: a bound on a browser that hangs, never a measurement. */
    private static final long BROWSER_MINUTES = 3;
    private static final String ERRORS = """
            <script>window.reportErrors = []; window.addEventListener("error", function (e) { window.reportErrors.push(String(e.message)); });</script>
            """;
    private static final String PROBE = """
            <script>
            window.addEventListener("load", function () {
              var seen = {errors: window.reportErrors};
              try {
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
              } catch (e) {
                seen.errors.push("probe: " + e.message);
              }
              var out = document.createElement("pre");
              out.id = "browser-probe";
              out.textContent = JSON.stringify(seen);
              document.body.appendChild(out);
            });
            </script>
            """;

    @TempDir
    Path dir;

    @Test
    void thePageRunsWithoutScriptErrorsItsPlotsLoadAndATableSortsAndFilters() throws IOException, InterruptedException {
        Optional<Path> chromium = Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser").map(Path::of).filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(chromium.isPresent(), "Chromium is not installed (apt-get install chromium; .ci/run installs it): "
                + "the page is not tried in a browser here");
        Path run = ReferenceRuns.copy(ReferenceRuns.QUICK, dir);
        ReportCommand.write(run);
        String html = Files.readString(run.resolve("report.html"));
        Path page = Files.writeString(run.resolve("probed.html"), html.replaceFirst("<head>", "<head>" + ERRORS).replace("</body>", PROBE + "</body>"));

        List<String> command = new ArrayList<>(List.of(chromium.get().toString(), "--headless", "--disable-gpu", "--no-sandbox",
                "--no-first-run", "--user-data-dir=" + dir.resolve("profile"), "--dump-dom", page.toUri().toString()));
        Process browser = new ProcessBuilder(command).redirectError(dir.resolve("chromium.log").toFile()).start();
        byte[] dom = browser.getInputStream().readAllBytes();
        assertTrue(browser.waitFor(BROWSER_MINUTES, TimeUnit.MINUTES), "Chromium ends");
        String text = new String(dom, StandardCharsets.UTF_8);
        int start = text.indexOf("<pre id=\"browser-probe\">");
        assertTrue(start >= 0, "the probe ran; Chromium said: " + Files.readString(dir.resolve("chromium.log")));
        String json = text.substring(start + "<pre id=\"browser-probe\">".length(), text.indexOf("</pre>", start))
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        JsonNode seen = new ObjectMapper().readTree(json);

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

    private static List<Boolean> mapped(JsonNode array) {
        List<Boolean> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asBoolean()));
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
