package io.ipcbench.soak;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** SoakMain's arguments: what it accepts and how it refuses the rest. */
class SoakMainTest {
    @Test
    void messagesAreAWholeNumberInRange() {
        assertEquals(1_000_000, SoakMain.messages("1000000"));
        assertEquals("0 is out of range; messages per mechanism is a whole number from 1 to 10000000000",
                assertThrows(IllegalArgumentException.class, () -> SoakMain.messages("0")).getMessage());
        assertEquals("'many' is not a number; messages per mechanism is a whole number from 1 to 10000000000",
                assertThrows(IllegalArgumentException.class, () -> SoakMain.messages("many")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> SoakMain.messages("10000000001"));
    }

    @Test
    void sizesPerVariantAreAllOrACount() {
        assertEquals(SoakSchedule.ALL_SIZES, SoakMain.sizesPerVariant("all"));
        assertEquals(2, SoakMain.sizesPerVariant("2"));
        assertEquals("10 is out of range; sizes per variant is 'all' or a whole number from 1 to 9",
                assertThrows(IllegalArgumentException.class, () -> SoakMain.sizesPerVariant("10")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> SoakMain.sizesPerVariant("some"));
    }
}
