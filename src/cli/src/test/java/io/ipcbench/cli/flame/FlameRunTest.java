package io.ipcbench.cli.flame;

import io.ipcbench.cli.usage.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlameRunTest {
    @Test
    void noEventNoFlameRun(@TempDir Path runDir) {
        assertEquals(Optional.empty(), FlameRun.prepare(Optional.empty(), runDir));
    }

    @Test
    void anUnknownEventIsRefusedListingTheEvents(@TempDir Path runDir) {
        CliException e = assertThrows(CliException.class, () -> FlameRun.prepare(Optional.of("cycles"), runDir));
        assertTrue(e.getMessage().contains("flame=cycles") && e.getMessage().contains("cpu, wall"), e.getMessage());
    }

    @Test
    void aNamePlantedWhereTheLibraryGoesIsNeverUsed(@TempDir Path victimDir) throws IOException {
        Path victim = Files.writeString(victimDir.resolve("victim"), "data");
        // the name is unpredictable; even a planted link at a name of the same form is refused, never followed
        Path planted = Files.createSymbolicLink(Path.of("/tmp", FlameRun.privateName("asprof")), victimDir);
        try {
            CliException e = assertThrows(CliException.class, () -> FlameRun.extractInto(planted));
            assertTrue(e.getMessage().contains(planted.toString()), e.getMessage());
        } finally {
            Files.delete(planted);
        }
        assertEquals("data", Files.readString(victim));
        assertEquals(List.of(victim), Files.list(victimDir).toList());
    }

    @Test
    void aFlameRunProfilesBothSidesAndRemovesItsLibraryAfterwards(@TempDir Path runDir) throws IOException {
        FlameRun flame = FlameRun.prepare(Optional.of("wall"), runDir).orElseThrow();
        List<String> args = flame.jmhArgs();
        String library = args.get(1).replaceAll(".*libPath=([^;]+);.*", "$1");
        assertTrue(Files.isRegularFile(Path.of(library)), "extracted " + library);
        Path folder = Path.of(library).getParent();
        assertTrue(folder.getFileName().toString().matches("ipcbench-" + ProcessHandle.current().pid() + "-[0-9a-f]{16}-asprof"),
                "named like the harness's objects, with 64 random bits: " + folder);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder, LinkOption.NOFOLLOW_LINKS)));
        assertTrue(args.get(1).startsWith("async:") && args.get(1).contains("event=wall")
                && args.get(1).contains("dir=" + runDir.resolve("flame")), args.get(1));
        assertEquals("-jvmArgsAppend", args.get(2));
        assertTrue(args.get(3).contains("-Dipcbench.flame.lib=" + library) && args.get(3).contains("-Dipcbench.flame.event=wall"), args.get(3));
        flame.close();
        assertFalse(Files.exists(Path.of(library).getParent()), "the extracted library's folder is gone");
    }
}
