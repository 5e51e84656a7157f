package io.ipcbench.cli.flame;

import io.ipcbench.cli.results.JmhResult;
import io.ipcbench.cli.results.Run;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Finds the collapsed stacks of one benchmark × params in a flame run's {@code flame/} folder:
 * {@code collapsed-<event>.csv} of the benchmark JVM (JMH names the folder
 * {@code <benchmark>-<Mode>-<param>-<value>...}) and {@code peer-collapsed-<event>.csv} of the peer,
 * in the same folder or, in runs made before the peer used JMH's mode name, in one named with the
 * mode's long label ("Sampling time").
 */
public final class FlameTrials {
    static final String FLAME = "flame";
    private static final Map<String, List<String>> MODE_NAMES = Map.of(
            "thrpt", List.of("Throughput", "Throughput, ops/time"),
            "avgt", List.of("AverageTime", "Average time, time/op"),
            "sample", List.of("SampleTime", "Sampling time"),
            "ss", List.of("SingleShotTime", "Single shot invocation time"));

    /** One process's flame graph of one trial: which process, the event, the file. */
    public record FlameFile(String process, String event, Path file) {
    }

    private FlameTrials() {
    }

    public static boolean hasFlameGraphs(Run run) {
        return Files.isDirectory(run.dir().resolve(FLAME));
    }

    public static Optional<FlameFile> find(Run run, JmhResult result, boolean peer) {
        String prefix = peer ? "peer-collapsed-" : "collapsed-";
        for (Path file : trialFiles(run, result)) {
            String fileName = file.getFileName().toString();
            if (fileName.startsWith(prefix) && fileName.endsWith(".csv")) {
                String event = fileName.substring(prefix.length(), fileName.length() - ".csv".length());
                return Optional.of(new FlameFile(peer ? "peer" : "benchmark JVM", event, file));
            }
        }
        return Optional.empty();
    }

    /**
     * The HTML flame graphs of one trial, the benchmark JVM's ({@code flame-<event>-<direction>.html})
     * then the peer's ({@code peer-flame-...}); the event of each is its event and direction, e.g. "cpu-forward".
     */
    public static List<FlameFile> graphs(Run run, JmhResult result) {
        List<FlameFile> graphs = new ArrayList<>();
        for (String prefix : List.of("flame-", "peer-flame-")) {
            for (Path file : trialFiles(run, result)) {
                String fileName = file.getFileName().toString();
                if (fileName.startsWith(prefix) && fileName.endsWith(".html")) {
                    graphs.add(new FlameFile(prefix.startsWith("peer") ? "peer" : "benchmark JVM",
                            fileName.substring(prefix.length(), fileName.length() - ".html".length()), file));
                }
            }
        }
        return graphs;
    }

    /** Whether a flame file is empty or unreadable: its process's dump failed, and it is flagged, never linked. */
    public static boolean isEmpty(Path file) {
        try {
            return !Files.isRegularFile(file) || Files.size(file) == 0;
        } catch (IOException e) {
            return true;
        }
    }

    /** The path of {@code file} from the folder {@code from} (a page's), each part percent-encoded as a URL path. */
    public static String href(Path from, Path file) {
        return StreamSupport.stream(from.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).spliterator(), false)
                .map(part -> URLEncoder.encode(part.toString(), StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("/"));
    }

    /** Every file of the trial's folders (the benchmark JVM's, and the peer's where an older run kept it apart). */
    private static List<Path> trialFiles(Run run, JmhResult result) {
        List<Path> all = new ArrayList<>();
        for (String mode : MODE_NAMES.getOrDefault(result.mode(), List.of(result.mode()))) {
            StringBuilder name = new StringBuilder(result.benchmark()).append('-').append(mode);
            result.params().forEach((k, v) -> name.append('-').append(k).append('-').append(v));
            all.addAll(files(run.dir().resolve(FLAME).resolve(name.toString())));
        }
        return all;
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        } catch (IOException e) {
            return new ArrayList<>();
        }
    }
}
