package io.ipcbench.os;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The registry of pinned CPUs: a live process's claim on shared CPUs is reported with exactly the
 * shared ones; claims of dead processes, or of a pid that now names a newer process, are ignored
 * and removed; entries are 0600 and go when the trial's objects do; a directory that is not
 * private to the user is not trusted.
 */
class PinnedCpusTest {
    @TempDir
    Path parent;

    @Test
    void aLiveClaimOnSharedCpusIsReportedWithTheSharedOnes() throws Exception {
        Path registry = privateRegistry();
        Process other = new ProcessBuilder("sleep", "60").start();
        try (NamedObjects names = new NamedObjects()) {
            write(registry, other.toHandle(), "the other run", "1,2");
            List<PinnedCpus.Claim> shared = PinnedCpus.claim(registry, cpus(0, 1), names, "this run");
            assertEquals(List.of(new PinnedCpus.Claim(other.pid(), "the other run", cpus(1))), shared);
            assertEquals(List.of(), PinnedCpus.claim(registry, cpus(3), names, "this run"), "no CPU in common, nothing to say");
        } finally {
            other.destroyForcibly().waitFor();
        }
    }

    @Test
    void claimsOfGoneProcessesAreIgnoredAndRemoved() throws Exception {
        Path registry = privateRegistry();
        Process finished = new ProcessBuilder("true").start();
        ProcessHandle handle = finished.toHandle();
        assertTrue(finished.waitFor(30, TimeUnit.SECONDS));
        Path dead = write(registry, handle, "a killed run", "0,1");
        Path reused = write(registry, ProcessHandle.current(), "a run whose pid was reused", "0,1");
        rewriteStart(reused, "2001-01-01T00:00:00Z");
        try (NamedObjects names = new NamedObjects()) {
            assertEquals(List.of(), PinnedCpus.claim(registry, cpus(0, 1), names, "this run"));
            assertFalse(Files.exists(dead), "a dead process's entry is removed");
            assertFalse(Files.exists(reused), "an entry whose pid names a newer process is removed");
        }
    }

    @Test
    void theOwnEntryIsPrivateAndGoesWithTheTrialsObjects() throws Exception {
        Path registry = privateRegistry();
        NamedObjects names = new NamedObjects();
        PinnedCpus.claim(registry, cpus(0, 1), names, "this run");
        List<Path> entries;
        try (var list = Files.list(registry)) {
            entries = list.toList();
        }
        assertEquals(1, entries.size(), "one entry: " + entries);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(entries.getFirst())));
        names.close();
        assertFalse(Files.exists(entries.getFirst()));
    }

    @Test
    void aRegistryOthersCanWriteIsNotUsed() throws Exception {
        Path registry = Files.createDirectory(parent.resolve("open"));
        Files.setPosixFilePermissions(registry, PosixFilePermissions.fromString("rwxrwxrwx"));
        try (NamedObjects names = new NamedObjects()) {
            assertEquals(List.of(), PinnedCpus.claim(registry, cpus(0, 1), names, "this run"));
        }
        try (var list = Files.list(registry)) {
            assertEquals(0, list.count(), "nothing written there");
        }
    }

    private Path privateRegistry() {
        return parent.resolve("pinned");
    }

    private static SortedSet<Integer> cpus(Integer... cpus) {
        return new TreeSet<>(List.of(cpus));
    }

    /** An entry as another run would write it. */
    private static Path write(Path registry, ProcessHandle process, String run, String cpus) throws IOException {
        Files.createDirectories(registry);
        Files.setPosixFilePermissions(registry, PosixFilePermissions.fromString("rwx------"));
        Properties entry = new Properties();
        entry.setProperty("pid", Long.toString(process.pid()));
        entry.setProperty("start", process.info().startInstant().map(Object::toString).orElse(""));
        entry.setProperty("cpus", cpus);
        entry.setProperty("run", run);
        Path file = registry.resolve(NamedObjects.PREFIX + "-" + process.pid() + "-0123456789ab-cpus" + (run.hashCode() & 0xff));
        try (var out = Files.newOutputStream(file)) {
            entry.store(out, null);
        }
        return file;
    }

    private static void rewriteStart(Path file, String start) throws IOException {
        Properties entry = new Properties();
        try (var in = Files.newInputStream(file)) {
            entry.load(in);
        }
        entry.setProperty("start", start);
        try (var out = Files.newOutputStream(file)) {
            entry.store(out, null);
        }
    }
}
