package io.ipcbench.limits;

import io.ipcbench.os.PinnedCpus;
import io.ipcbench.os.Pinning;
import io.ipcbench.peer.PeerProcess;
import io.ipcbench.peer.Watchdog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two suites on one machine at once: two benchmark JVMs hold a trial of every naming mechanism
 * open at the same time (shm files and semaphores, mmap files and directories, FIFO and socket
 * paths, TCP ports, POSIX and System V queues), then both run verified round trips on all of them:
 * nothing collides, and each leaves nothing. Both pin to the same CPUs (cross-core, or same-core
 * where the tests may use one CPU only), and the trials that registered second say so, naming the
 * other suite and its pid. Between opening and the first
 * round trip both suites sit idle for longer than the watchdog's stall bound, as the first trials
 * opened do on a slow machine while the others' peer JVMs start: an idle peer must not be judged.
 */
class ConcurrentRunsTest {
    private static final long TIMEOUT_SECONDS = 300;

    @TempDir
    Path warnings;

    @Test
    void twoSuitesAtOnceDoNotCollideAndSayTheyShareCpus() throws Exception {
        Pinning pinning = Pinning.fitting();
        Suite a = Suite.start("suite A", pinning, warnings.resolve("a.txt"));
        Suite b = Suite.start("suite B", pinning, warnings.resolve("b.txt"));
        try {
            a.awaitOpen();
            b.awaitOpen();
            Thread.sleep(TimeUnit.SECONDS.toMillis(Watchdog.STALL_SECONDS + 2));
            a.go();
            b.go();
            for (Suite suite : List.of(a, b)) {
                List<String> out = suite.finish();
                List<String> ok = out.stream().filter(line -> line.startsWith("OK ")).toList();
                assertEquals(ConcurrentTrialsMain.TRIALS.size(), ok.size(), suite.name + " ran every trial: " + out + "\n" + suite.stderr.join());
                assertTrue(out.contains("LEFT []"), suite.name + " left nothing: " + out);
            }
        } finally {
            a.kill();
            b.kill();
        }
        String sharedCpus = String.valueOf(pinning.plan().cpus());
        List<String> warned = new ArrayList<>(a.warnings());
        warned.addAll(b.warnings());
        assertTrue(warned.stream().anyMatch(w -> w.contains("and so does suite B (pid " + b.process.pid() + "): CPUs " + sharedCpus + " are shared")
                        || w.contains("and so does suite A (pid " + a.process.pid() + "): CPUs " + sharedCpus + " are shared")),
                "a suite that pinned second names the other: " + warned);
        assertTrue(a.stderr.join().contains("warning: this trial pins to CPUs") || b.stderr.join().contains("warning: this trial pins to CPUs"),
                "the warning is on stderr too");
    }

    /** One benchmark JVM running {@link ConcurrentTrialsMain}. */
    private static final class Suite {
        final String name;
        final Path warningFile;
        final Process process;
        final BufferedReader stdout;
        final CompletableFuture<String> stderr;

        private Suite(String name, Path warningFile, Process process) {
            this.name = name;
            this.warningFile = warningFile;
            this.process = process;
            this.stdout = process.inputReader();
            this.stderr = CompletableFuture.supplyAsync(() -> LimitedJvm.stderr(process), LimitedJvm.OWN_THREAD);
        }

        static Suite start(String name, Pinning pinning, Path warningFile) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(PeerProcess.javaBinary(), "--enable-native-access=ALL-UNNAMED",
                    "-cp", System.getProperty("java.class.path"), ConcurrentTrialsMain.class.getName(), pinning.name());
            builder.environment().put(PinnedCpus.RUN_VARIABLE, name);
            builder.environment().put(PinnedCpus.WARNINGS_VARIABLE, warningFile.toString());
            return new Suite(name, warningFile, builder.start());
        }

        void awaitOpen() throws Exception {
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return stdout.readLine();
                } catch (IOException e) {
                    return e.toString();
                }
            }, LimitedJvm.OWN_THREAD).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertEquals("OPEN", line, () -> name + " opened every trial; stderr: " + stderr.join());
        }

        void go() throws IOException {
            process.getOutputStream().write('\n');
            process.getOutputStream().close();
        }

        List<String> finish() throws Exception {
            List<String> out = CompletableFuture.supplyAsync(() -> stdout.lines().toList(), LimitedJvm.OWN_THREAD).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertTrue(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), name + " exits");
            return out;
        }

        List<String> warnings() throws IOException {
            return Files.exists(warningFile) ? Files.readAllLines(warningFile) : List.of();
        }

        void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
