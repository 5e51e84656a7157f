package io.ipcbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The behaviour of the diff's statistics that a reader of a diff must know. */
class SignificanceTest {
    @Test
    void threeIterationsASideAreSignificantOnlyWhenEveryOneIsBeyondEveryOther() {
        double p = Significance.pValue(new double[] {10, 11, 12}, new double[] {13, 14, 15});
        assertEquals(0.0495, p, 0.0001);
        assertTrue(Significance.significant(p));
        assertFalse(Significance.significant(Significance.pValue(new double[] {10, 11, 14}, new double[] {12, 13, 15})));
    }

    @Test
    void identicalRunsAreNotSignificant() {
        double[] same = {5, 6, 7};
        assertEquals(1.0, Significance.pValue(same, same.clone()), 1e-12);
    }

    @Test
    void oneIterationASideCannotBeTested() {
        assertTrue(Double.isNaN(Significance.pValue(new double[] {1}, new double[] {2})));
        assertFalse(Significance.significant(Double.NaN));
        assertTrue(Double.isNaN(Significance.ratioInterval(2, new double[] {1}, new double[] {2})[0]));
    }

    @Test
    void theIntervalOfTheRatioSurroundsItAndWidensWithTheSpread() {
        double[] narrow = Significance.ratioInterval(1.3, new double[] {99, 100, 101}, new double[] {129, 130, 131});
        double[] wide = Significance.ratioInterval(1.3, new double[] {80, 100, 120}, new double[] {110, 130, 150});
        assertTrue(narrow[0] < 1.3 && 1.3 < narrow[1] && narrow[0] > 1.2 && narrow[1] < 1.4, narrow[0] + " " + narrow[1]);
        assertTrue(wide[0] < narrow[0] && wide[1] > narrow[1]);
        assertEquals(1.0, Significance.ratioInterval(1.0, new double[] {3, 3}, new double[] {3, 3})[1]);
    }
}
