package io.ipcbench.cli.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The behaviour of the diff's statistics that a reader of a diff must know. */
class SignificanceTest {
    @Test
    void theExactTestGivesTheProbabilityOfTheOrderingAmongAllOrderings() {
        // 4 forks a side, every one of one run beyond every one of the other: 2 of the C(8,4) = 70 orderings
        double p = Significance.pValue(new double[] {10, 11, 12, 13}, new double[] {14, 15, 16, 17});
        assertEquals(2.0 / 70, p, 1e-12);
        assertTrue(Significance.significant(p));
        // 5 a side: 2 / C(10,5)
        assertEquals(2.0 / 252, Significance.pValue(new double[] {1, 2, 3, 4, 5}, new double[] {6, 7, 8, 9, 10}), 1e-12);
    }

    @Test
    void overlappingForksAreNotSignificant() {
        assertFalse(Significance.significant(
                Significance.pValue(new double[] {10, 11, 14, 16}, new double[] {12, 13, 15, 17})));
    }

    @Test
    void identicalRunsAreNotSignificant() {
        double[] same = {5, 6, 7, 8};
        assertEquals(1.0, Significance.pValue(same, same.clone()), 1e-12);
    }

    @Test
    void belowFourForksASideNothingIsTested() {
        // the exact test could not go below 0.1 with 3 a side: no p-value is better than a useless one
        assertTrue(Double.isNaN(Significance.pValue(new double[] {1, 2, 3}, new double[] {4, 5, 6})));
        assertTrue(Double.isNaN(Significance.pValue(new double[] {1, 2, 3, 4}, new double[] {5, 6, 7})));
        assertFalse(Significance.significant(Double.NaN));
    }

    @Test
    void nonFiniteSamplesAreLeftOut() {
        assertTrue(Double.isNaN(Significance.pValue(new double[] {1, 2, 3, Double.NaN}, new double[] {5, 6, 7, 8})));
    }

    @Test
    void oneForkASideHasNoInterval() {
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

    @Test
    void aRatioOfRatiosTakesTheSpreadOfEveryFigureInIt() {
        double[] tight = {99, 100, 101};
        double[] loose = {80, 100, 120};
        double[] two = Significance.interval(1.0, List.of(tight, tight));
        assertArrayEquals(Significance.ratioInterval(1.0, tight, tight), two, 1e-12, "a ratio is the two-figure case");
        double[] four = Significance.interval(1.0, List.of(tight, tight, tight, tight));
        double[] oneLoose = Significance.interval(1.0, List.of(tight, tight, tight, loose));
        assertTrue(four[0] < two[0] && four[1] > two[1], "more figures, more spread");
        assertTrue(oneLoose[0] < four[0] && oneLoose[1] > four[1], "one loose figure widens it");
        assertTrue(Double.isNaN(Significance.interval(1.0, List.of(tight, new double[] {100}))[0]), "a figure without spread");
    }

    @Test
    void theIntervalOfAMeanSurroundsTheCentreGiven() {
        double[] interval = Significance.meanInterval(2.0, new double[] {1.9, 2.0, 2.1});
        // t(2) = 4.303, s = 0.1, n = 3: half-width 4.303 * 0.1 / sqrt(3) = 0.2484
        assertEquals(2.0 - 0.2484, interval[0], 1e-4);
        assertEquals(2.0 + 0.2484, interval[1], 1e-4);
        assertTrue(Double.isNaN(Significance.meanInterval(2.0, new double[] {2.0})[0]));
    }
}
