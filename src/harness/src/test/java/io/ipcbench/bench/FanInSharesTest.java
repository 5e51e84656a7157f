package io.ipcbench.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The fairness figures of {@link FanInProfiler} on counts worked out by hand. */
class FanInSharesTest {
    @Test
    void evenDeliveriesAreFair() {
        FanInProfiler.Shares shares = FanInProfiler.Shares.of(new long[] {250, 250, 250, 250});
        assertEquals(1.0, shares.min(), 1e-12);
        assertEquals(1.0, shares.max(), 1e-12);
        assertEquals(1.0, shares.jain(), 1e-12);
    }

    @Test
    void oneProducerDeliveringEverythingScoresOneOverN() {
        FanInProfiler.Shares shares = FanInProfiler.Shares.of(new long[] {0, 0, 0, 400});
        assertEquals(0.0, shares.min(), 1e-12);
        assertEquals(4.0, shares.max(), 1e-12, "four times its even share");
        assertEquals(0.25, shares.jain(), 1e-12);
    }

    @Test
    void unevenDeliveries() {
        // total 400, even share 200; Jain = 400^2 / (2 * (100^2 + 300^2)) = 160000 / 200000
        FanInProfiler.Shares shares = FanInProfiler.Shares.of(new long[] {100, 300});
        assertEquals(0.5, shares.min(), 1e-12);
        assertEquals(1.5, shares.max(), 1e-12);
        assertEquals(0.8, shares.jain(), 1e-12);
    }
}
