package io.ipcbench.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipcbench.cli.Main;
import io.ipcbench.cli.usage.CliException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileTest {
    @TempDir
    Path root;

    private Profile load(String name) {
        return Profile.load(root.resolve("profiles"), name);
    }

    private String error(String name) {
        return assertThrows(CliException.class, () -> load(name)).getMessage();
    }

    @Test
    void readsEveryKindOfKey() throws IOException {
        new FakeRepo(root).profile("good", """
                # comment
                jmh.args=-f 1 -jvmArgsAppend "-Xmx1g -Xms1g"
                param.size=64, 1024
                param.sync=SPIN
                param.shm.sync=FUTEX,SEMAPHORE
                modules=shm, pipe
                bench=.*Latency.*
                """);
        Profile profile = load("good");
        assertEquals(List.of("-f", "1", "-jvmArgsAppend", "-Xmx1g -Xms1g"), profile.jmhArgs());
        assertEquals(Map.of("size", "64, 1024", "sync", "FUTEX,SEMAPHORE"), profile.paramsFor("shm"));
        assertEquals(Map.of("size", "64, 1024", "sync", "SPIN"), profile.paramsFor("pipe"));
        assertEquals(Optional.of(List.of("shm", "pipe")), profile.modules());
        assertEquals(Optional.of(".*Latency.*"), profile.bench());
        assertEquals(List.of("jmh.args", "param.size", "param.sync", "param.shm.sync", "modules", "bench"),
                List.copyOf(profile.entries().keySet()));
    }

    @Test
    void unknownKeyNamesFileLineKeyAndProfiles() throws IOException {
        new FakeRepo(root).profile("quick", "jmh.args=-f 1\n").profile("typo", "jmh.args=-f 1\n\nparam.shm.x.y=1\n");
        String message = error("typo");
        assertTrue(message.startsWith(root.resolve("profiles/typo.properties") + ": line 3: unknown key 'param.shm.x.y'"),
                message);
        assertTrue(message.endsWith("available profiles: quick, typo"), message);
        assertEquals(1, message.lines().count());
    }

    @Test
    void emptyValueIsAnError() throws IOException {
        new FakeRepo(root).profile("empty", "jmh.args=-f 1\nparam.size=  \n");
        assertTrue(error("empty").contains("line 2: param.size has an empty value"), error("empty"));
    }

    @Test
    void repeatedKeyAndMissingJmhArgsAreErrors() throws IOException {
        new FakeRepo(root).profile("twice", "jmh.args=-f 1\njmh.args=-f 2\n").profile("bare", "param.size=64\n");
        assertTrue(error("twice").contains("line 2: jmh.args is set a second time"), error("twice"));
        assertTrue(error("bare").contains("no jmh.args"), error("bare"));
    }

    @Test
    void unclosedQuoteIsAnError() throws IOException {
        new FakeRepo(root).profile("quote", "jmh.args=-jvmArgs \"-Xmx1g\n");
        assertTrue(error("quote").contains("unclosed \" quote"), error("quote"));
    }

    @Test
    void missingProfileListsTheAvailableOnes() throws IOException {
        new FakeRepo(root).profile("smoke", "jmh.args=-f 1\n").profile("full", "jmh.args=-f 3\n");
        String message = error("quik");
        assertTrue(message.startsWith("no profile 'quik' (looked for " + root.resolve("profiles/quik.properties")),
                message);
        assertTrue(message.contains("available profiles: full, smoke"), message);
        assertTrue(error("../smoke").startsWith("no profile '../smoke'"), "a name must not leave profiles/");
    }

    @Test
    void missingProfileExitsWithStatus2() throws IOException {
        new FakeRepo(root).profile("smoke", "jmh.args=-f 1\n");
        assertEquals(2, Main.run(List.of("run", "--root=" + root, "--profile=nope")));
    }

    @Test
    void shippedProfilesParse() {
        Path profiles = Path.of(System.getProperty("user.dir")).resolve("../../profiles").normalize();
        for (String name : List.of("smoke", "quick", "full")) {
            Profile profile = Profile.load(profiles, name);
            assertTrue(profile.jmhArgs().contains("-f"), name);
            assertEquals("cross-core", profile.paramsFor("shm").get("pinning"), name);
        }
    }
}
