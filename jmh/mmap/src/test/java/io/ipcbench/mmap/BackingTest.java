package io.ipcbench.mmap;

import io.ipcbench.link.Params;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.peer.PeerTraffic;
import io.ipcbench.traffic.RoundTrip;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the contract cannot see: where each backing's memory lives, who may reach it, and that nothing of it stays. */
class BackingTest {
    private static final long PID = ProcessHandle.current().pid();

    private static Params params(String backing) {
        return new Params("mmap", Map.of("backing", backing, "sync", "SPIN", "layout", "PADDED", "capacity", "1", "size", "64"));
    }

    @Test
    void diskRingsAreAPrivateFileOnADiskFilesystemRemovedAtTheEnd() throws IOException {
        try (RoundTrip roundTrip = PeerTraffic.roundTrip(new MmapMechanism(), params("DISK"))) {
            roundTrip.once();
            List<String> present = NamedObjects.presentFor(PID, DiskFile.parent());
            assertEquals(1, present.size(), present.toString());
            Path dir = Path.of(present.getFirst());
            Path file = dir.resolve("rings");
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS)));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)));
            assertNotEquals("tmpfs", Files.getFileStore(file).type());
            assertTrue(mapped(PID).contains(file.toString()), "the benchmark side maps " + file);
            assertTrue(mapped(PeerTraffic.session(roundTrip).peer().pid()).contains(file.toString()), "the peer maps " + file);
        }
        assertEquals(List.of(), NamedObjects.presentFor(PID, DiskFile.parent()));
        assertFalse(mapped(PID).contains("ipcbench-" + PID), "nothing of it stays mapped");
    }

    @Test
    void aDeadOwnersDiskDirectoryIsSweptByTheNextDiskTrial() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        assertTrue(gone.waitFor(5, TimeUnit.SECONDS));
        Path stale = DiskFile.parent().resolve(NamedObjects.PREFIX + "-" + gone.pid() + "-00c0ffee00-mmap");
        Files.createDirectory(stale);
        Files.writeString(stale.resolve("rings"), "left by a killed run");
        try (RoundTrip roundTrip = PeerTraffic.roundTrip(new MmapMechanism(), params("DISK"))) {
            roundTrip.once();
            assertFalse(Files.exists(stale, LinkOption.NOFOLLOW_LINKS), stale + " is swept");
        }
    }

    @Test
    void aDiskDirectoryOnTmpfsIsRefusedAsMeasuringDevShmAgain() {
        String before = System.getProperty(DiskFile.DIR_PROPERTY);
        System.setProperty(DiskFile.DIR_PROPERTY, "/dev/shm");
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> PeerTraffic.roundTrip(new MmapMechanism(), params("DISK")));
            assertTrue(e.getMessage().contains("/dev/shm is on tmpfs"), e.getMessage());
            assertTrue(e.getMessage().contains("-Dipcbench.mmap.dir=DIR"), e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty(DiskFile.DIR_PROPERTY);
            } else {
                System.setProperty(DiskFile.DIR_PROPERTY, before);
            }
        }
    }

    @Test
    void aMemfdIsMappedByBothProcessesAndReleasedByTheBenchmarkSideAtTheEnd() throws IOException {
        try (RoundTrip roundTrip = PeerTraffic.roundTrip(new MmapMechanism(), params("MEMFD"))) {
            roundTrip.once();
            assertTrue(mapped(PID).contains("/memfd:ipcbench-rings"), "the benchmark side maps the memfd");
            assertTrue(mapped(PeerTraffic.session(roundTrip).peer().pid()).contains("/memfd:ipcbench-rings"), "the peer maps the memfd");
            assertFalse(openFiles().contains("memfd:ipcbench-rings"), "the benchmark side closed its duplicate after mapping");
        }
        assertFalse(mapped(PID).contains("memfd:ipcbench-rings"), "unmapped at the end");
    }

    private static String mapped(long pid) throws IOException {
        return Files.readString(Path.of("/proc/" + pid + "/maps"));
    }

    private static String openFiles() throws IOException {
        StringBuilder targets = new StringBuilder();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    targets.append(Files.readSymbolicLink(fd)).append('\n');
                } catch (IOException closedMeanwhile) {
                    // the listing's own descriptor, or one closed by another thread
                }
            }
        }
        return targets.toString();
    }

    @AfterEach
    void nothingIsLeft() {
        for (ProcessHandle child : ProcessHandle.current().children().toList()) {
            child.onExit().orTimeout(15, TimeUnit.SECONDS).join();
        }
        assertEquals(List.of(), NamedObjects.presentFor(PID), "/dev/shm and /tmp");
        assertEquals(List.of(), NamedObjects.presentFor(PID, DiskFile.parent()), DiskFile.parent().toString());
    }
}
