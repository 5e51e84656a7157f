package io.ipcbench.os;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which CPUs the live ipcbench trials of this user pin to, so that a run started while another
 * measures on the same CPUs says so. Each pinning trial keeps one entry, a 0600 file in a 0700
 * directory of the user's ({@code /tmp/ipcbench-pinned-<uid>}), written whole under a hidden name
 * and renamed into place, and removed when the trial's named objects are. An entry whose process
 * is gone (or whose pid now belongs to a newer process) is ignored and removed. The registry only
 * informs: a directory that is not the user's own, or any I/O failure, costs the warning, never
 * the trial.
 */
public final class PinnedCpus {
    /** Names the run a trial belongs to in other runs' warnings; the ipcbench runner sets it. */
    public static final String RUN_VARIABLE = "IPCBENCH_RUN";
    /** A file the warnings are appended to as well; the ipcbench runner sets it and records them in run.json. */
    public static final String WARNINGS_VARIABLE = "IPCBENCH_CPU_SHARING";
    static final Path DIRECTORY = NamedObjects.TMP.resolve(NamedObjects.PREFIX + "-pinned-" + uid());
    private static final String HIDDEN = ".";

    /** A live trial's claim on CPUs: its process, the run it belongs to. */
    public record Claim(long pid, String run, SortedSet<Integer> cpus) {}

    private PinnedCpus() {}

    /**
     * Registers that this trial pins to {@code cpus} (its entry goes when {@code names} closes) and
     * returns the other live trials that pin to any of them; each is also written to stderr and to
     * the file {@link #WARNINGS_VARIABLE} names.
     */
    public static List<Claim> claim(SortedSet<Integer> cpus, NamedObjects names) {
        return claim(DIRECTORY, cpus, names, Optional.ofNullable(System.getenv(RUN_VARIABLE)).orElse("pid " + ProcessHandle.current().pid()));
    }

    static List<Claim> claim(Path directory, SortedSet<Integer> cpus, NamedObjects names, String run) {
        if (cpus.isEmpty() || !privateDirectory(directory)) {
            return List.of();
        }
        List<Claim> sharing = new ArrayList<>();
        try {
            for (Claim other : liveClaims(directory)) {
                SortedSet<Integer> shared = new TreeSet<>(other.cpus());
                shared.retainAll(cpus);
                if (!shared.isEmpty() && other.pid() != ProcessHandle.current().pid()) {
                    sharing.add(new Claim(other.pid(), other.run(), shared));
                }
            }
            register(directory, cpus, names, run);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("ipcbench: cannot check which CPUs other runs pin to (" + e + ")");
        }
        sharing.forEach(s -> warn(cpus, s));
        return sharing;
    }

    private static void register(Path directory, SortedSet<Integer> cpus, NamedObjects names, String run) throws IOException {
        ProcessHandle self = ProcessHandle.current();
        Properties entry = new Properties();
        entry.setProperty("pid", Long.toString(self.pid()));
        entry.setProperty("start", self.info().startInstant().map(Object::toString).orElse(""));
        entry.setProperty("cpus", String.join(",", cpus.stream().map(String::valueOf).toList()));
        entry.setProperty("run", run);
        String name = names.name("cpus");
        Path partial = Files.createFile(directory.resolve(HIDDEN + name), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (var out = Files.newOutputStream(partial, StandardOpenOption.WRITE)) {
            entry.store(out, null);
        }
        Path file = Files.move(partial, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        names.onClose(() -> NamedObjects.deleteQuietly(file));
    }

    /** The claims of live processes; the entries of dead ones (and unreadable ones) are removed. */
    private static List<Claim> liveClaims(Path directory) throws IOException {
        List<Claim> live = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, f -> !f.getFileName().toString().startsWith(HIDDEN))) {
            for (Path file : files) {
                read(file).ifPresentOrElse(live::add, () -> NamedObjects.deleteQuietly(file));
            }
        }
        return live;
    }

    /** The claim in {@code file}, if its process is alive: the pid is the same process only if it started at the recorded time. */
    private static Optional<Claim> read(Path file) {
        Properties entry = new Properties();
        try (var in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            entry.load(in);
            SortedSet<Integer> cpus = new TreeSet<>();
            for (String cpu : entry.getProperty("cpus", "").split(",")) {
                cpus.add(Integer.parseInt(cpu));
            }
            long pid = Long.parseLong(entry.getProperty("pid"));
            return ProcessHandle.of(pid).filter(p -> p.info().startInstant().map(Object::toString).orElse("").equals(entry.getProperty("start")))
                    .map(p -> new Claim(pid, entry.getProperty("run", "another run"), cpus));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void warn(SortedSet<Integer> cpus, Claim sharing) {
        String warning = "ipcbench: warning: this trial pins to CPUs " + cpus + " and so does " + sharing.run() + " (pid " + sharing.pid()
                + "): CPUs " + sharing.cpus() + " are shared, so each run's measurements disturb the other's; run one at a time,"
                + " or give each run its own CPUs (taskset -c)";
        System.err.println(warning);
        String file = System.getenv(WARNINGS_VARIABLE);
        if (file != null && !file.isBlank()) {
            try {
                Files.writeString(Path.of(file), warning + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                System.err.println("ipcbench: cannot record the warning in " + file + " (" + e + ")");
            }
        }
    }

    /** Creates the directory 0700 if need be; true if it is a real directory of this user's, closed to others. */
    private static boolean privateDirectory(Path directory) {
        try {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException exists) {
            // made by an earlier run: checked below
        } catch (IOException e) {
            System.err.println("ipcbench: cannot create " + directory + " to check which CPUs other runs pin to (" + e + ")");
            return false;
        }
        try {
            PosixFileAttributes attributes = Files.readAttributes(directory, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            boolean own = attributes.isDirectory() && (Integer) Files.getAttribute(directory, "unix:uid", LinkOption.NOFOLLOW_LINKS) == uid()
                    && attributes.permissions().equals(PosixFilePermissions.fromString("rwx------"));
            if (!own) {
                System.err.println("ipcbench: " + directory + " is not a 0700 directory of this user's: not checking which CPUs other runs pin to");
            }
            return own;
        } catch (IOException e) {
            return false;
        }
    }

    private static int uid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read this process's uid", e);
        }
    }
}
