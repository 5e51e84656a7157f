package io.ipcbench.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipcbench.cli.usage.CliException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second run started while another holds the machine stops before its first fork, in one line
 * naming who holds it: the other run (its pid and start time), or the process holding JMH's lock.
 */
class RunLockTest {
    private static final Pattern STARTED = Pattern.compile("started \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

    @TempDir
    Path tmp;

    /** Another JVM holding {@code lock} ("run" or "jmh") in the temporary folder until it is ended. */
    private Process holding(String lock) throws IOException {
        Process holder = new ProcessBuilder(RunCommand.javaLauncher(), "-cp", System.getProperty("java.class.path"),
                LockHolder.class.getName(), tmp.toString(), lock).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String said = new BufferedReader(new InputStreamReader(holder.getInputStream())).readLine();
        assertEquals("holding", said, "the holder took the lock");
        return holder;
    }

    private static void release(Process holder) throws Exception {
        holder.getOutputStream().close();
        assertEquals(0, holder.waitFor());
    }

    @Test
    void aRunHoldingTheMachineIsNamed() throws Exception {
        Process other = holding("run");
        try {
            CliException refused = assertThrows(CliException.class, () -> RunLock.acquire(tmp, "ipcbench run --profile=quick"));
            String message = refused.getMessage();
            assertEquals(1, message.lines().count(), message);
            assertTrue(message.startsWith("another benchmark run holds this machine: ipcbench run --profile=held in /somewhere, pid "
                    + other.pid() + ", started "), message);
            assertTrue(STARTED.matcher(message).find(), message);
        } finally {
            release(other);
        }
        // once it has ended, the machine is free again
        RunLock.acquire(tmp, "ipcbench run --profile=quick").close();
    }

    @Test
    void aJmhStartedAnotherWayIsNamedFromTheKernelsLocks() throws Exception {
        Process jmh = holding("jmh");
        try {
            CliException refused = assertThrows(CliException.class, () -> RunLock.acquire(tmp, "ipcbench run --profile=quick"));
            String message = refused.getMessage();
            assertEquals(1, message.lines().count(), message);
            assertTrue(message.startsWith("a JMH benchmark holds this machine (its lock " + tmp.resolve("jmh.lock") + "): pid "
                    + jmh.pid() + ", started "), message);
            assertTrue(message.contains(RunCommand.javaLauncher() + " -cp "), "its command line: " + message);
        } finally {
            release(jmh);
        }
        RunLock.acquire(tmp, "ipcbench run --profile=quick").close();
    }

    @Test
    void aRunInThisProcessHoldsTheMachineToo() {
        RunLock first = RunLock.acquire(tmp, "ipcbench run --profile=first in /here");
        try {
            CliException refused = assertThrows(CliException.class, () -> RunLock.acquire(tmp, "ipcbench run --profile=second"));
            assertTrue(refused.getMessage().startsWith("another benchmark run holds this machine: ipcbench run --profile=first in /here, pid "
                    + ProcessHandle.current().pid()), refused.getMessage());
        } finally {
            first.close();
        }
    }
}
