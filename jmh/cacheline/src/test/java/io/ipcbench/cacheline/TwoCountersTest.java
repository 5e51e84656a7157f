package io.ipcbench.cacheline;

import io.ipcbench.link.Params;
import io.ipcbench.ring.RingDescriptor;
import io.ipcbench.ring.RingLayout;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The layouts place the counters on one line or on lines two apart, and none loses an increment. */
class TwoCountersTest {
    private static final int INCREMENTS = 1_000_000;

    @Test
    void sharedIndicesKeepBothCountersOnOneLinePaddedKeepsThemTwoLinesApart() {
        assertTrue(TwoCounters.secondOffset(RingLayout.SHARED_INDICES) + Long.BYTES <= RingDescriptor.CACHE_LINE);
        assertTrue(TwoCounters.secondOffset(RingLayout.PADDED) >= 2 * RingDescriptor.CACHE_LINE);
        assertTrue(TwoCounters.secondOffset(RingLayout.FLAG_WITH_PAYLOAD) >= 2 * RingDescriptor.CACHE_LINE);
    }

    @Test
    void eachThreadCountsItsOwnIncrementsInEitherLayout() throws InterruptedException {
        for (RingLayout layout : RingLayout.values()) {
            try (TwoCounters counters = new TwoCounters(layout)) {
                Thread first = new Thread(() -> repeat(counters::incrementFirst));
                Thread second = new Thread(() -> repeat(counters::incrementSecond));
                first.start();
                second.start();
                first.join();
                second.join();
                assertEquals(INCREMENTS, counters.first(), layout + " first counter");
                assertEquals(INCREMENTS, counters.second(), layout + " second counter");
            }
        }
    }

    @Test
    void anUnknownLayoutIsRefused() {
        Params params = new Params(TwoCounters.NAME, Map.of("layout", "DIAGONAL"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TwoCounters.of(params));
        assertEquals("false sharing: layout=DIAGONAL is not allowed; choose one of PADDED, SHARED_INDICES, FLAG_WITH_PAYLOAD", e.getMessage());
    }

    private static void repeat(Runnable increment) {
        for (int i = 0; i < INCREMENTS; i++) {
            increment.run();
        }
    }
}
