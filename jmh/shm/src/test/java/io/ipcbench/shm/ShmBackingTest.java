package io.ipcbench.shm;

import io.ipcbench.link.Params;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.peer.PeerTraffic;
import io.ipcbench.traffic.RoundTrip;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the contract cannot see of the backings: the System V segment marked for removal while
 * both processes use it, the huge pages really mapped with 2 MiB pages, and the kernel limits
 * (kernel.shmmax, vm.nr_hugepages) refused by name before anything is created. The limits are
 * produced for real, as root, and restored; elsewhere those tests are skipped, saying why.
 */
class ShmBackingTest {
    private static final long PID = ProcessHandle.current().pid();
    private static final Path SHMMAX = Path.of("/proc/sys/kernel/shmmax");

    private static Params params(String backing, int size) {
        return new Params("shm", Map.of("backing", backing, "sync", "FUTEX", "layout", "PADDED", "capacity", "1", "size", Integer.toString(size)));
    }

    @Test
    void aSysvSegmentIsMarkedForRemovalOnceBothProcessesAttachedItAndGoesWithThem() {
        try (RoundTrip roundTrip = PeerTraffic.roundTrip(new ShmMechanism(), params("SYSV_SHM", 4096))) {
            roundTrip.onceVerified(0);
            List<SysvSegments.Segment> ours = SysvSegments.now().createdBy(PID);
            assertEquals(1, ours.size(), "one segment: " + ours);
            SysvSegments.Segment segment = ours.getFirst();
            assertTrue(segment.markedForRemoval(), "IPC_RMID once both attached: a crash now leaves nothing: " + segment);
            assertEquals(2, segment.attached(), "both processes attached: " + segment);
            assertEquals(0600, segment.mode() & 0777, "0600: " + segment);
            assertEquals(List.of(), NamedObjects.presentFor(PID), "the marker went with the key");
        }
    }

    @Test
    void hugetlbRingsAreMappedWithTwoMebibytePagesByBothProcesses() throws IOException {
        ReservedHugePages.atLeast(4).ifPresent(why -> assumeTrue(false, "HUGETLB needs 4 huge pages: " + why));
        try (RoundTrip roundTrip = PeerTraffic.roundTrip(new ShmMechanism(), params("HUGETLB", 65536))) {
            roundTrip.onceVerified(0);
            assertEquals("2048 kB", pageSizeOfHugeRings(PID), "the benchmark side's mapping");
            assertEquals("2048 kB", pageSizeOfHugeRings(PeerTraffic.session(roundTrip).peer().pid()), "the peer's mapping");
        }
    }

    @Test
    void noHugePagesFreeRefusesTheTrialNamingVmNrHugepagesBeforeAnythingStarts() {
        if (HugePages.available() > 0) {
            assumeTrue(HugePages.inUse() == 0 && ReservedHugePages.set(0), "huge pages are free and cannot be given back to test the refusal");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PeerTraffic.roundTrip(new ShmMechanism(), params("HUGETLB", 64)));
        assertTrue(e.getMessage().startsWith("shm backing=HUGETLB: the rings ("), e.getMessage());
        assertTrue(e.getMessage().contains(" bytes) need 1 of the 2 MiB huge pages and 0 of the "), e.getMessage());
        assertTrue(e.getMessage().contains("sysctl -w vm.nr_hugepages="), e.getMessage());
        assertEquals(List.of(), ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList(), "no peer was started");
    }

    /** Root lowers kernel.shmmax below the rings for a moment: the trial is refused naming it, and nothing is created. */
    @Test
    void ringsLargerThanKernelShmmaxAreRefusedNamingItBeforeAnythingStarts() throws IOException {
        String before = Files.readAllLines(SHMMAX).getFirst().strip();
        try {
            Files.writeString(SHMMAX, "65536");
        } catch (IOException e) {
            assumeTrue(false, "lowering kernel.shmmax needs root: " + e);
        }
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> PeerTraffic.roundTrip(new ShmMechanism(), params("SYSV_SHM", 1 << 20)));
            assertTrue(e.getMessage().contains("larger than kernel.shmmax (65536 bytes)"), e.getMessage());
            assertTrue(e.getMessage().contains("sysctl -w kernel.shmmax="), e.getMessage());
            assertEquals(List.of(), ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList(), "no peer was started");
        } finally {
            Files.writeString(SHMMAX, before);
        }
    }

    /** The KernelPageSize of the huge rings' mapping in /proc/<pid>/smaps. */
    private static String pageSizeOfHugeRings(long pid) throws IOException {
        List<String> smaps = Files.readAllLines(Path.of("/proc/" + pid + "/smaps"));
        for (int i = 0; i < smaps.size(); i++) {
            if (smaps.get(i).contains("/memfd:" + HugePages.MEMFD_NAME)) {
                for (int j = i + 1; j < smaps.size(); j++) {
                    if (smaps.get(j).startsWith("KernelPageSize:")) {
                        return smaps.get(j).substring("KernelPageSize:".length()).strip();
                    }
                }
            }
        }
        throw new AssertionError("process " + pid + " maps no /memfd:" + HugePages.MEMFD_NAME);
    }

    @AfterEach
    void nothingIsLeft() {
        for (ProcessHandle child : ProcessHandle.current().children().toList()) {
            child.onExit().orTimeout(15, TimeUnit.SECONDS).join();
        }
        assertEquals(List.of(), SysvSegments.now().createdBy(PID), "System V segments left (ipcs -m)");
        assertEquals(List.of(), NamedObjects.presentFor(PID), "/dev/shm and /tmp");
        assertEquals(0, HugePages.inUse(), "huge pages held");
    }

    @AfterAll
    static void giveHugePagesBack() {
        ReservedHugePages.restore();
    }
}
