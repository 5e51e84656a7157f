package io.ipcbench.peer;

import one.profiler.AsyncProfiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Flame graphs of the peer, beside those JMH's {@code -prof async} makes of the benchmark JVM.
 * A flame run sets three properties on the benchmark JVM ({@code ipcbench.flame.lib}, the
 * libasyncProfiler.so to load; {@code ipcbench.flame.event}, cpu, wall, lock…;
 * {@code ipcbench.flame.dir}, the run's flame folder); each trial then passes its own output
 * folder to its peer, named as JMH names the benchmark's ({@code <benchmark>-<mode>-<param>-<value>…}),
 * and the peer writes {@code peer-flame-<event>-forward.html}, {@code …-reverse.html} and
 * {@code peer-collapsed-<event>.csv} there when it exits. The peer's graphs cover its whole life,
 * warm-up included: it does not know JMH's iteration boundaries. A dump that fails fails the trial:
 * the peer says so on stderr and exits with status 1, and the benchmark side, once the peer has
 * exited, finds a file missing or empty and throws, naming the peer and the file.
 */
public record FlameGraphs(String library, String event, Path trialDir) {
    private static final String LIB = "ipcbench.flame.lib";
    private static final String EVENT = "ipcbench.flame.event";
    private static final String DIR = "ipcbench.flame.dir";
    private static final String TRIAL_DIR = "ipcbench.flame.trial";
    /**
     * How long a closing session waits for a profiling peer to exit: it writes three files first,
     * which takes well under a second on an idle machine; the bound leaves room for a busy one.
     */
    static final long DUMP_SECONDS = 60;

    /** The flame settings of this benchmark JVM for one trial; empty when this is no flame run. */
    public static Optional<FlameGraphs> forTrial(String benchmark, String mode, Map<String, String> params) {
        String library = System.getProperty(LIB);
        if (library == null) {
            return Optional.empty();
        }
        String name = benchmark + "-" + mode + params.entrySet().stream()
                .map(e -> "-" + e.getKey() + "-" + e.getValue()).collect(Collectors.joining());
        return Optional.of(new FlameGraphs(library, System.getProperty(EVENT, "cpu"), Path.of(System.getProperty(DIR), name)));
    }

    /** JVM options that make a peer profile itself. */
    List<String> peerJvmOptions() {
        return List.of("-D" + LIB + "=" + library, "-D" + EVENT + "=" + event, "-D" + TRIAL_DIR + "=" + trialDir);
    }

    /** Peer side: starts profiling when this JVM was started with {@link #peerJvmOptions}; null otherwise. */
    static FlameGraphs startInPeer() {
        String library = System.getProperty(LIB);
        if (library == null) {
            return null;
        }
        FlameGraphs flame = new FlameGraphs(library, System.getProperty(EVENT), Path.of(System.getProperty(TRIAL_DIR)));
        flame.execute("start,event=" + flame.event);
        return flame;
    }

    /** Peer side, on the way out: writes the graphs and the collapsed stacks; false, said on stderr, when a dump failed. */
    boolean dumpInPeer() {
        try {
            Files.createDirectories(trialDir);
        } catch (IOException e) {
            System.err.println("cannot create " + trialDir + " for the peer's flame graphs: " + e.getMessage());
            return false;
        }
        List<Path> files = peerFiles();
        // every dump is tried, whichever failed before it
        return execute("dump,collapsed,file=" + files.get(0))
                & execute("dump,flamegraph,reverse,file=" + files.get(1))
                & execute("stop,flamegraph,file=" + files.get(2));
    }

    /** What the peer writes: its collapsed stacks, its reverse and its forward graph. */
    List<Path> peerFiles() {
        return List.of(trialDir.resolve("peer-collapsed-" + event + ".csv"), trialDir.resolve("peer-flame-" + event + "-reverse.html"),
                trialDir.resolve("peer-flame-" + event + "-forward.html"));
    }

    /**
     * Benchmark side, once the peer has exited: every file it was to write is there and not empty,
     * or the trial fails, naming the peer and the file (a failed dump once left an empty file behind
     * a run that looked complete).
     */
    void requireWrittenBy(PeerProcess peer) {
        for (Path file : peerFiles()) {
            String fault = !Files.exists(file) ? "missing" : !Files.isRegularFile(file) ? "not a regular file" : isEmpty(file) ? "empty" : "";
            if (!fault.isEmpty()) {
                throw peer.failure("its flame graph " + file + ", which is " + fault + ": the peer's flame dump failed");
            }
        }
    }

    private static boolean isEmpty(Path file) {
        try {
            return Files.size(file) == 0;
        } catch (IOException e) {
            return true;
        }
    }

    private boolean execute(String command) {
        try {
            AsyncProfiler.getInstance(library).execute(command);
            return true;
        } catch (IOException | IllegalStateException e) {
            System.err.println("async-profiler in the peer: " + command + ": " + e.getMessage());
            return false;
        }
    }
}
