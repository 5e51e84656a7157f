package io.ipcbench.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipcbench.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code run} with the real benchmark jars and a bad profile or option: refused with exit status 2
 * and one line naming the input, what is wrong and what is allowed, before anything starts: no run
 * folder, no process left, no named object in /dev/shm, /tmp or /var/tmp.
 */
class RunRefusesBadInputTest {
    /**
     * -l: should a case get past the checks, JMH lists the benchmarks instead of measuring them.
     * Same-core, which every machine can do: cross-core would be refused on a one-core machine
     * before the input under test is looked at.
     */
    private static final String PROFILE = "jmh.args=-l -f 1 -wi 0 -i 1\nparam.pinning=same-core\n";
    private static final List<Path> SHARED_DIRS = List.of(Path.of("/dev/shm"), Path.of("/tmp"), Path.of("/var/tmp"));
    private static final Pattern OWNED = Pattern.compile("^(?:sem\\.)?ipcbench-(\\d+)-.*");

    @TempDir
    Path root;

    /** One bad input: what the profile adds, the run's options, and a fragment the refusal must contain. */
    record Case(String input, String profileLines, List<String> options, String expected) {
        @Override
        public String toString() {
            return input;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("unknown enum value in a module param", "param.shm.sync=BOGUS\n", List.of("--modules=shm"),
                        "sync=BOGUS is not allowed; choose one of"),
                new Case("wrong type in a global param", "param.size=abc\n", List.of("--modules=pipe"),
                        "size=abc is not a number; size is the payload in bytes"),
                new Case("out of range in a global param", "param.size=0\n", List.of("--modules=fifo"),
                        "size=0 is out of range"),
                new Case("10^20", "param.uds.size=100000000000000000000\n", List.of("--modules=uds"),
                        "size=100000000000000000000 is out of range"),
                new Case("a module param no benchmark has", "param.shm.syncc=SPIN\n", List.of("--modules=shm"),
                        "param.shm.syncc names a param that no benchmark of shm has; their params: backing, capacity, fanInSync, layout, pinning, producers, rings, size, sync"),
                new Case("a global param no benchmark has", "param.sizes=64\n", List.of("--modules=shm,pipe"),
                        "param.sizes names a param that no benchmark of shm, pipe has"),
                new Case("a param for an unknown module", "param.shmm.sync=SPIN\n", List.of(),
                        "sets params for [shmm], which are not modules under jmh/"),
                new Case("over the kernel's message size limit", "param.mqueue.size=65536\n", List.of("--modules=mqueue"),
                        "msgsize_max"),
                new Case("a value the mechanism forbids with another", "param.eventfd.shape=COUNTER\n", List.of("--modules=eventfd"),
                        "is not possible with shape=COUNTER"),
                new Case("out of range in --jmh", "", List.of("--modules=shm", "--jmh=-p capacity=0"),
                        "capacity=0 is out of range"),
                new Case("a ring capacity that is not a power of two in --jmh", "", List.of("--modules=shm", "--jmh=-p capacity=3"),
                        "capacity=3 is not a power of two; capacity is the number of message slots in each ring, a power of two from 1 to 4096"),
                new Case("a ring capacity that is not a power of two in a module param", "param.mmap.capacity=100\n", List.of("--modules=mmap"),
                        "capacity=100 is not a power of two"),
                new Case("empty value in --jmh", "", List.of("--modules=pipe", "--jmh=-p wait=,"),
                        "-p wait=, gives wait no value; give one or more"),
                new Case("a malformed JMH option", "", List.of("--modules=pipe", "--jmh=-f abc"),
                        "Cannot parse argument 'abc' of option f"),
                new Case("a bench pattern that is no regular expression", "", List.of("--modules=pipe", "--bench=Pipe["),
                        "not a regular expression"),
                new Case("a bench pattern matching nothing", "", List.of("--modules=pipe,fifo", "--bench=NoSuchBenchmark"),
                        "the benchmark pattern selects no benchmark in pipe, fifo"),
                new Case("an unknown flame event", "", List.of("--modules=pipe", "--flame=cycles"),
                        "flame=cycles is not an event ipcbench profiles; choose one of cpu, wall"),
                new Case("a missing mmap directory", "", List.of("--modules=mmap", "--jmh=-jvmArgsAppend -Dipcbench.mmap.dir=/no/such/dir"),
                        "cannot use /no/such/dir (no such directory)"),
                new Case("a malformed remote TCP address", "", List.of("--modules=tcp", "--jmh=-jvmArgsAppend -Dipcbench.tcp.remote=nowhere"),
                        "-Dipcbench.tcp.remote=nowhere is not host:port"),
                new Case("an unknown module", "", List.of("--modules=shm,nosuch"), "module 'nosuch' was asked for"),
                new Case("an unknown option", "", List.of("--profil=quick"), "unknown option '--profil=quick'"),
                new Case("a 1 MB option", "", List.of("--jmh=" + "x".repeat(1 << 20)), "an argument of 1048582 characters"),
                new Case("a 1 MB profile line", "param.size=" + "1".repeat(1 << 20) + "\n", List.of(), "line 3 is 1048587 characters long"),
                new Case("a line without =", "param.size\n", List.of(), "line 3: expected key=value, found 'param.size'"),
                new Case("a key set twice", "param.pinning=none\n", List.of(), "line 3: param.pinning is set a second time"),
                new Case("a missing baseline", "", List.of("--modules=pipe", "--baseline=results/none"), "no such run folder"));
    }

    @BeforeEach
    void repository() throws IOException {
        Files.createDirectories(root.resolve("profiles"));
        Files.createSymbolicLink(root.resolve("jmh"), BuiltJars.JMH);
        BuiltJars.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedBeforeAnythingStarts(Case bad) throws IOException {
        Files.writeString(root.resolve("profiles/bad.properties"), PROFILE + bad.profileLines());
        assertRefused(bad.expected(), bad.options());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonUtf8")
    void aProfileThatIsNotUtf8IsRefused(byte[] contents) throws IOException {
        Files.write(root.resolve("profiles/bad.properties"), contents);
        assertRefused("not UTF-8 text", List.of());
    }

    static Stream<byte[]> nonUtf8() {
        return Stream.of(new byte[] {'j', 'm', 'h', '.', 'a', 'r', 'g', 's', '=', (byte) 0xff, (byte) 0xfe, '\n'},
                "param.size=64\n".replace("64", "\u00e9").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    private void assertRefused(String expected, List<String> options) throws IOException {
        Set<String> before = owned();
        List<String> args = new ArrayList<>(List.of("run", "--root=" + root, "--profile=bad"));
        args.addAll(options);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true), new PrintStream(err, true));
        List<String> lines = err.toString().strip().lines().toList();
        String message = lines.isEmpty() ? "" : lines.getFirst();
        assertEquals(2, status, err + "" + out);
        assertEquals(1, lines.size(), "one line: " + lines);
        assertTrue(message.length() < 2000, "a line a person can read: " + message.length() + " characters");
        assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
        assertTrue(message.contains(expected), "expected '" + expected + "' in: " + message);
        assertFalse(Files.exists(root.resolve("results")), "no results folder");
        assertEquals(List.of(), ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList(), "no process left");
        Set<String> left = owned();
        left.removeAll(before);
        assertEquals(Set.of(), left, "named objects left behind");
    }

    /** Entries of the shared folders named by ipcbench whose owner is this JVM or a process that has ended (a child). */
    private static Set<String> owned() throws IOException {
        Set<String> owned = new TreeSet<>();
        long self = ProcessHandle.current().pid();
        for (Path dir : SHARED_DIRS) {
            try (Stream<Path> entries = Files.list(dir)) {
                for (Path entry : entries.toList()) {
                    Matcher m = OWNED.matcher(entry.getFileName().toString());
                    if (m.matches()) {
                        long pid = Long.parseLong(m.group(1));
                        if (pid == self || ProcessHandle.of(pid).isEmpty()) {
                            owned.add(entry.toString());
                        }
                    }
                }
            }
        }
        return owned;
    }
}
