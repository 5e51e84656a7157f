package io.ipcbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * {@code --help}, {@code help COMMAND} and {@code --version} answer on standard output with exit
 * status 0; a wrong request for help is refused like any wrong command line: one line, exit 2.
 */
class HelpTest {
    private static final List<String> COMMANDS = List.of("run", "report", "lessons", "diff", "help", "version");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private String answered(String... args) {
        out.reset();
        err.reset();
        int status = Main.run(List.of(args), new PrintStream(out, true), new PrintStream(err, true));
        assertEquals(0, status, List.of(args) + ": " + err);
        assertEquals("", err.toString(), "nothing on standard error");
        return out.toString();
    }

    private String refused(String... args) {
        err.reset();
        int status = Main.run(List.of(args), new PrintStream(out, true), new PrintStream(err, true));
        String message = err.toString();
        assertEquals(2, status, message);
        assertEquals(1, message.lines().count(), "one line: " + message);
        return message;
    }

    @Test
    void helpListsEveryCommandWithAnExample() {
        for (String flag : List.of("--help", "-h", "help")) {
            String help = answered(flag);
            assertTrue(help.startsWith("usage: java --enable-native-access=ALL-UNNAMED -jar ipcbench.jar COMMAND"), help);
            for (String command : COMMANDS) {
                assertTrue(help.contains("\n  " + command), command + " listed: " + help);
            }
            assertTrue(help.contains("examples:\n  java --enable-native-access=ALL-UNNAMED -jar ipcbench.jar run --profile=smoke"), help);
            assertTrue(help.contains("Exit status: 0"), help);
        }
    }

    @Test
    void eachCommandHasItsOwnHelp() {
        for (String command : COMMANDS) {
            String help = answered("help", command);
            assertTrue(help.startsWith("usage: java --enable-native-access=ALL-UNNAMED -jar ipcbench.jar " + command), help);
            if (!command.equals("version")) {
                assertTrue(help.contains("examples:\n"), command + ": " + help);
            }
        }
        String run = answered("help", "run");
        for (String option : List.of("--profile=", "--modules=", "--bench=", "--jmh=", "--results=", "--root=", "--flame=", "--baseline=")) {
            assertTrue(run.contains("\n  " + option), option + " explained: " + run);
        }
        assertTrue(answered("help", "diff").contains("--threshold=PCT"));
        assertTrue(answered("help", "diff").contains("diff A1 A2 -- B1 B2"), "the pooled form has an example");
    }

    @Test
    void helpAfterACommandIsThatCommandsHelp() {
        assertEquals(answered("help", "run"), answered("run", "--help"));
        assertEquals(answered("help", "diff"), answered("diff", "a", "-h"));
        assertEquals(answered("help", "report"), answered("report", "--help"));
    }

    @Test
    void versionNamesTheSuiteAndTheCommitItWasBuiltFrom() throws IOException {
        Properties built = new Properties();
        try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
            built.load(in);
        }
        String version = answered("--version");
        assertEquals(version, answered("version"));
        // the tests run in a git checkout: the commit is HEAD's 40 hex digits, the version the pom's
        assertTrue(built.getProperty("commit").matches("[0-9a-f]{40}"), "commit baked in: " + built);
        assertEquals("ipcbench " + built.getProperty("version") + " (commit " + built.getProperty("commit") + ")\n", version);
        assertFalse(version.contains("${"), version);
    }

    @Test
    void aBuildWithoutGitHasAnUnknownCommit() {
        // what Maven leaves in version.properties when no git repository is found (a source tarball)
        assertEquals("ipcbench 0.1.0 (commit unknown)", Version.of("0.1.0", "${git.commit.id}").toString());
        assertEquals("ipcbench unknown (commit unknown)", Version.of(null, null).toString());
    }

    @Test
    void wrongRequestsAreOneLine() {
        assertTrue(refused().contains("no command given; commands are run, report, lessons, pick, diff, help, version"));
        assertTrue(refused("--hlep").contains("unknown command '--hlep'; commands are run, report"));
        assertTrue(refused("help", "nope").contains("unknown command 'nope'"));
        assertTrue(refused("help", "run", "diff").contains("help takes at most one command"));
        assertTrue(refused("version", "x").contains("version takes no arguments"));
        assertTrue(refused("run", "--profil=quick").contains("unknown option '--profil=quick' for run; options are --root=, --profile=,"
                + " --modules=, --bench=, --jmh=, --results=, --flame=, --baseline=; see 'java --enable-native-access=ALL-UNNAMED"
                + " -jar ipcbench.jar help run'"));
    }
}
