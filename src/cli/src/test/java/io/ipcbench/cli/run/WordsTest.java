package io.ipcbench.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipcbench.cli.usage.CliException;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordsTest {
    @Test
    void keepsQuotedTextTogether() {
        assertEquals(List.of("-prof", "gc", "-jvmArgs", "-Xmx1g -Xms1g", "it's"),
                Words.split("test", "  -prof gc\t-jvmArgs \"-Xmx1g -Xms1g\" it\"'\"s "));
        assertEquals(List.of(), Words.split("test", "   "));
    }

    @Test
    void unclosedQuoteNamesTheSource() {
        assertEquals("--jmh has an unclosed ' quote: -jvmArgs '-Xmx1g",
                assertThrows(CliException.class, () -> Words.split("--jmh", "-jvmArgs '-Xmx1g")).getMessage());
    }
}
