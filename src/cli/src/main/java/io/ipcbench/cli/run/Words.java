package io.ipcbench.cli.run;

import io.ipcbench.cli.usage.CliException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a flag string into arguments the way a shell would for simple quoting, so that
 * {@code -jvmArgsAppend "-Xmx2g -XX:+AlwaysPreTouch"} stays one argument.
 */
final class Words {
    private Words() {
    }

    /** @param source names where the text came from, for the error message */
    static List<String> split(String source, String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new CliException(source + " has an unclosed " + quote + " quote: " + text);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return List.copyOf(words);
    }
}
