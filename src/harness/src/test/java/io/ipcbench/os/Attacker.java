package io.ipcbench.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the attacker's part: as the unprivileged user nobody through setpriv(1) when this process
 * is root and setpriv exists, else as this user (which the test then reports).
 */
record Attacker(List<String> prefix, String description) {
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    static Attacker find() {
        boolean root = new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        if (root && Files.isExecutable(SETPRIV)) {
            return new Attacker(List.of(SETPRIV.toString(), "--reuid=65534", "--regid=65534", "--clear-groups", "--"),
                    "uid 65534 (nobody) through setpriv");
        }
        return new Attacker(List.of(), "this user (not root, or no setpriv: no other uid to plant as)");
    }

    void plant(Plant plant, Path name, Path victim) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("sh", "-c", plant.script, "plant", name.toString(), victim.toString()));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0 || !Files.exists(name, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new AssertionError("could not plant " + plant + " at " + name + " as " + description + ": " + output);
            }
        } catch (IOException e) {
            throw new AssertionError("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
