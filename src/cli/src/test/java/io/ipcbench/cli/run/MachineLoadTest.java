package io.ipcbench.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipcbench.cli.results.MachineLoad;
import org.junit.jupiter.api.Test;

class MachineLoadTest {
    @Test
    void theRunsOwnCpuTimeIsNotOtherWork() {
        // 2 CPUs for 10 s = 2000 ticks: 1200 busy, of which 1000 were the run's own, 40 stolen
        var start = new MachineLoadSnapshot(5_000, 100, 50_000, 300, "0.50");
        var end = new MachineLoadSnapshot(6_200, 140, 52_000, 1_300, "1.90");
        MachineLoad load = MachineLoadSnapshot.between(start, end);
        assertEquals(10.0, load.otherCpuPercent(), 1e-9);
        assertEquals(2.0, load.stealPercent(), 1e-9);
        assertEquals("0.50 → 1.90", load.loadAverages());
        assertFalse(load.busy(), "10 % is the limit");
        assertTrue(MachineLoadSnapshot.between(start, new MachineLoadSnapshot(6_300, 140, 52_000, 1_300, "2.00")).busy());
    }

    @Test
    void aSnapshotOfThisMachineCountsItsTicks() {
        MachineLoadSnapshot now = MachineLoadSnapshot.take();
        assertTrue(now.total() > 0 && now.busy() <= now.total() && now.own() > 0, now.toString());
    }
}
