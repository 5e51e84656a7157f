package io.ipcbench.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Stands in for the harness's soak in the runner's tests (the fake benchmarks.jar holds it under
 * the real one's name): prints its arguments, writes a summary for MECHANISM to the file given
 * last, and exits with status 3 for the mechanism "broken", without a summary.
 */
public final class SoakMain {
    private SoakMain() {
    }

    public static void main(String[] args) throws IOException {
        List<String> arguments = List.of(args);
        System.out.println("fake soak ran with: " + String.join(" ", arguments));
        if (arguments.getFirst().equals("broken")) {
            System.exit(3);
        }
        Files.writeString(Path.of(arguments.getLast()), "## Soak: " + arguments.getFirst() + "\n\n**"
                + arguments.getFirst() + ": " + arguments.get(1) + " messages, every message verified**\n");
    }
}
