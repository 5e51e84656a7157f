package io.ipcbench.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipcbench.fifo.FifoMechanism;
import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Params;
import io.ipcbench.mmap.MmapMechanism;
import io.ipcbench.mqueue.MqueueMechanism;
import io.ipcbench.shm.ShmMechanism;
import io.ipcbench.uds.UdsMechanism;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Another local user who knows the names a trial is about to use creates something there first:
 * a regular file, a symbolic link to a file or a folder of the victim, a FIFO, a folder, a
 * listening socket (and, for POSIX message queues, a queue of that name). Every named object the
 * mechanisms create is tried: /dev/shm ring files, POSIX semaphores, message-queue markers, POSIX
 * queues, the private folders of FIFOs and socket files under /tmp, and of DISK mapped files
 * under /var/tmp. Names are random, so the test learns them from a first, undisturbed trial made
 * with a seeded token source, then plants the attacker's object at one name of a second trial
 * with the same seed. The trial must fail naming the path, never open, follow or truncate what is
 * there: the victim's file and the planted object stay exactly as they were, and the trial leaves
 * nothing of its own behind. When the tests run as root and setpriv(1) exists, the attacker's
 * objects are planted by the unprivileged user nobody; otherwise by this user.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileNeighbourTest {
    private static final long SEED = 0x1bc_be7c4L;
    private static final Path VAR_TMP = Path.of("/var/tmp");
    private static final String NAME_FORMAT = "(sem\\.)?ipcbench-" + ProcessHandle.current().pid() + "-[0-9a-f]{16}-[\\w.-]+";

    @TempDir
    static Path victimDir;
    private static Path victim;
    private static FileTime victimModified;

    private final Attacker attacker = Attacker.find();
    private int casesTried;

    /** A mechanism and parameters whose offer creates named objects. */
    record Trial(String label, Mechanism mechanism, Map<String, String> params) {
        @Override
        public String toString() {
            return label;
        }

        Params asParams() {
            return new Params(mechanism.name(), params);
        }
    }

    static Stream<Trial> trials() {
        return Stream.of(
                new Trial("shm ring file and semaphores", new ShmMechanism(),
                        Map.of("size", "64", "sync", "SEMAPHORE", "layout", "PADDED", "capacity", "1")),
                new Trial("POSIX message queues and markers", new MqueueMechanism(),
                        Map.of("size", "64", "api", "POSIX", "wait", "BLOCKING", "depth", "1")),
                new Trial("System V message queue markers", new MqueueMechanism(),
                        Map.of("size", "64", "api", "SYSV", "wait", "BLOCKING", "depth", "1")),
                new Trial("FIFO folder", new FifoMechanism(), Map.of("size", "64", "wait", "BLOCKING")),
                new Trial("Unix socket folder", new UdsMechanism(), Map.of("size", "64", "type", "STREAM", "wait", "BLOCKING")),
                new Trial("mapped file on disk", new MmapMechanism(),
                        Map.of("size", "64", "backing", "DISK", "sync", "SPIN", "layout", "PADDED", "capacity", "1")));
    }

    /** The trials that create POSIX message queues, whose names another user can take with a queue of his own. */
    static Stream<Trial> queueTrials() {
        return trials().filter(trial -> "POSIX".equals(trial.params().get("api")));
    }

    @BeforeAll
    void victimFile() throws IOException {
        victim = Files.writeString(victimDir.resolve("victim"), "the victim's data\n");
        Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-r--r--"));
        victimModified = Files.getLastModifiedTime(victim);
    }

    @AfterAll
    void everyKindWasTried() {
        System.err.println("HostileNeighbourTest: " + casesTried + " planted objects refused; attacker " + attacker.description());
        assertTrue(casesTried >= trials().count() * Plant.values().length, "cases tried: " + casesTried);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trials")
    void everyNamedObjectIsPrivateAndItsNameUnpredictable(Trial trial) {
        List<Path> created = createdBy(trial, new Random(SEED));
        assertFalse(created.isEmpty(), "the trial creates named objects");
        for (Path object : created) {
            String name = object.getFileName().toString().replaceFirst("\\.(posix-mq|sysv-msg)$", "");
            assertTrue(name.matches(NAME_FORMAT), object + " carries the owner pid and 64 random bits");
        }
        // two sources of tokens, two sets of names: the token, not the pid, decides
        List<Path> other = createdBy(trial, new Random(SEED + 1));
        assertTrue(other.stream().noneMatch(created::contains), created + " vs " + other);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trials")
    void aPlantedObjectAtAnyNameStopsTheTrialAndIsNeitherFollowedNorTouched(Trial trial) throws Exception {
        List<Path> names = createdBy(trial, new Random(SEED));
        assertFalse(names.isEmpty(), "the trial creates named objects to plant at");
        for (Path name : names) {
            for (Plant plant : Plant.values()) {
                attacker.plant(plant, name, victim);
                Plant.Snapshot before = Plant.snapshot(name);
                try (NamedObjects objects = new NamedObjects(new Random(SEED))) {
                    RuntimeException refused = assertThrows(RuntimeException.class,
                            () -> trial.mechanism().offer(trial.asParams(), objects), () -> plant + " at " + name + " was used");
                    // glibc keeps semaphore /x as the file sem.x
                    String objectName = name.getFileName().toString().replaceFirst("^sem\\.", "");
                    assertTrue(String.valueOf(refused.getMessage()).contains(objectName),
                            () -> plant + " at " + name + ": the message names the path: " + refused.getMessage());
                }
                assertEquals(before, Plant.snapshot(name), () -> plant + " at " + name + " was changed");
                assertVictimUntouched(plant + " at " + name);
                removePlanted(name);
                assertEquals(List.of(), present(), plant + " at " + name + ": the trial left objects behind");
                casesTried++;
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queueTrials")
    void aQueuePlantedUnderAQueueNameStopsTheTrialAndStays(Trial trial) {
        List<String> queues = createdBy(trial, new Random(SEED)).stream().map(p -> p.getFileName().toString())
                .filter(n -> n.endsWith(".posix-mq")).map(n -> "/" + n.substring(0, n.length() - ".posix-mq".length())).toList();
        assertFalse(queues.isEmpty(), "the trial creates POSIX queues, each marked in /dev/shm");
        for (String queue : queues) {
            MessageQueues.create(queue, 1, 8);
            try (NamedObjects objects = new NamedObjects(new Random(SEED))) {
                RuntimeException refused = assertThrows(RuntimeException.class, () -> trial.mechanism().offer(trial.asParams(), objects));
                assertTrue(refused.getMessage().contains(queue) && refused.getMessage().contains("EEXIST"), refused.getMessage());
            }
            Libc.close(MessageQueues.open(queue, MessageQueues.O_RDONLY)); // the attacker's queue is still there
            MessageQueues.unlink(queue);
            assertEquals(List.of(), present());
            casesTried++;
        }
    }

    /** A System V queue has a key, not a name: a key someone already uses is skipped for a fresh one, never shared. */
    @org.junit.jupiter.api.Test
    void aSystemVKeyInUseIsNotShared() {
        int key = 1 + new Random().nextInt(Integer.MAX_VALUE - 1);
        int squatter = SysvMessageQueues.createExclusive(key);
        assertTrue(squatter >= 0, "key " + key + " was free");
        try {
            assertEquals(-1, SysvMessageQueues.createExclusive(key), "a second exclusive msgget of key " + key);
        } finally {
            SysvMessageQueues.remove(squatter);
        }
    }

    /** The trial's named objects in /dev/shm, /tmp and /var/tmp, and their modes, from one undisturbed trial. */
    private List<Path> createdBy(Trial trial, Random tokens) {
        trial.mechanism().validate(trial.asParams());
        List<Path> created;
        try (NamedObjects objects = new NamedObjects(tokens)) {
            trial.mechanism().offer(trial.asParams(), objects);
            created = present();
            created.forEach(HostileNeighbourTest::assertPrivate);
        }
        assertEquals(List.of(), present(), "removed at close");
        return created;
    }

    /** Files 0600, folders 0700, and so everything in them. */
    private static void assertPrivate(Path object) {
        try (Stream<Path> tree = Files.walk(object)) {
            for (Path p : tree.toList()) {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
                String expected = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "rwx------" : "rw-------";
                assertEquals(expected, PosixFilePermissions.toString(mode), p.toString());
            }
        } catch (IOException e) {
            throw new AssertionError(object.toString(), e);
        }
    }

    private static List<Path> present() {
        List<Path> present = new ArrayList<>();
        long pid = ProcessHandle.current().pid();
        for (String name : NamedObjects.presentFor(pid, NamedObjects.DEV_SHM, NamedObjects.TMP, VAR_TMP)) {
            present.add(Path.of(name));
        }
        return present;
    }

    private static void assertVictimUntouched(String when) throws IOException {
        assertEquals("the victim's data\n", Files.readString(victim), when);
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(victim)), when);
        assertEquals(victimModified, Files.getLastModifiedTime(victim), when);
        try (Stream<Path> files = Files.list(victimDir)) {
            assertEquals(List.of(victim), files.toList(), when + ": nothing was created in the victim's folder");
        }
    }

    private static void removePlanted(Path name) throws IOException {
        try (Stream<Path> tree = Files.walk(name)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
