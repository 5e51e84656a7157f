package io.ipcbench.peer;

import io.ipcbench.link.ForkedPeer;
import io.ipcbench.link.PeerFailure;
import io.ipcbench.os.Libc;
import io.ipcbench.os.ProcessCost;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark side's handle on the peer JVM. The peer's stdout is a line protocol
 * ({@code EXPORT key=value}, {@code READY}, {@code ERROR message}); its stdin carries
 * {@code GO} once the benchmark side has connected, and its end of file tells the peer to exit.
 * Its stderr is forwarded to ours, and the last lines are kept for failure messages. Between
 * those, stdin asks {@code COSTS n} and stdout answers {@code COSTS n <figures>}: the peer's
 * own account of its OS costs ({@link #costs}).
 */
public final class PeerProcess implements Peer, ForkedPeer, AutoCloseable {
    private static final String END_OF_OUTPUT = "\0EOF";
    private static final int KEPT_STDERR_LINES = 20;
    /** How long a failure message waits for a dead peer's last output to be read. */
    private static final long LAST_OUTPUT_MILLIS = 1000;
    /**
     * How long {@link #costs} waits for the answer: the peer's stdin thread answers in well under
     * a millisecond on an idle machine; the bound leaves room for a busy one, where a woken thread
     * may wait some scheduler periods for a CPU, without delaying a close for long.
     */
    private static final long COSTS_ANSWER_MILLIS = 2000;
    /** How long closing waits for the peer to exit on its own before killing it. */
    static final long EXIT_SECONDS = 5;
    /**
     * Peers are started from this one long-lived thread: PR_SET_PDEATHSIG fires when the thread
     * that spawned the child exits, not the process, and JMH's worker threads come and go.
     */
    private static final ExecutorService SPAWNER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ipcbench-peer-spawner");
        t.setDaemon(true);
        return t;
    });

    private final String description;
    /** How messages name this process: "the peer", or "producer 3 of 8" among several. */
    private final String name;
    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<String> control = new LinkedBlockingQueue<>();
    /** The peer's answers to {@link #costs}, apart from the handshake's lines and its failure report. */
    private final BlockingQueue<String> costAnswers = new LinkedBlockingQueue<>();
    private long costRequests;
    private final Deque<String> recentStderr = new ArrayDeque<>();
    /** Counted down as each of stdout and stderr reaches its end. */
    private final CountDownLatch outputRead = new CountDownLatch(2);
    private volatile String verdict;

    private PeerProcess(String description, String name, Process process) {
        this.description = description;
        this.name = name;
        this.process = process;
        this.stdin = process.getOutputStream();
        daemon("ipcbench-peer-control", () -> {
            readLines(process.inputReader(StandardCharsets.UTF_8),
                    line -> (line.startsWith(ParentWatch.COSTS) ? costAnswers : control).add(line));
            control.add(END_OF_OUTPUT);
            outputRead.countDown();
        });
        daemon("ipcbench-peer-stderr", () -> {
            readLines(process.errorReader(StandardCharsets.UTF_8), this::forwardStderr);
            outputRead.countDown();
        });
    }

    /**
     * Starts the peer JVM on {@code cpus}: the spawning thread takes that mask first, and a child
     * inherits its creator's, so every thread the peer JVM ever starts (JIT, GC, its own readers)
     * runs there, and only the thread the peer pins itself leaves it.
     */
    static PeerProcess start(String description, List<String> command, SortedSet<Integer> cpus) {
        return start(description, "the peer", command, cpus);
    }

    /** The same for one of several peers, {@code name} saying which in every message ("producer 3 of 8"). */
    static PeerProcess start(String description, String name, List<String> command, SortedSet<Integer> cpus) {
        try {
            Process process = SPAWNER.submit(() -> {
                Libc.setThreadAffinity(0, cpus);
                return new ProcessBuilder(command).start();
            }).get();
            return new PeerProcess(description, name, process);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot start the JVM of " + name + " (" + command.getFirst() + "): " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the peer", e);
        }
    }

    /** The java binary this JVM runs on: the peer runs on the very same JDK. */
    public static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Completes once the peer has exited and {@link #isAlive()} says so. */
    @Override
    public CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    @Override
    public Process process() {
        return process;
    }

    @Override
    public String label() {
        return Long.toString(pid());
    }

    @Override
    public String awaitExport(String key) {
        String line = awaitLine("EXPORT " + key + "=", "its " + key);
        return line.substring(("EXPORT " + key + "=").length());
    }

    void awaitReady() {
        awaitReady(System.nanoTime() + TimeUnit.SECONDS.toNanos(HANDSHAKE_TIMEOUT_SECONDS));
    }

    /** The same by {@code deadline} (System.nanoTime): peers started together share one handshake bound. */
    void awaitReady(long deadline) {
        awaitLine("READY", "its ready signal", deadline);
    }

    void go() {
        try {
            stdin.write("GO\n".getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
        } catch (IOException e) {
            throw failure("the peer to read GO");
        }
    }

    /**
     * The peer's OS costs so far, as it reads them itself ({@link ProcessCost#ofThisProcess}:
     * another process's exited threads cannot be read from /proc). Empty when the peer is gone,
     * its stdin is closed, or it did not answer within {@link #COSTS_ANSWER_MILLIS}. Asking wakes
     * the peer's stdin thread and our stdout reader: a few context switches per reading.
     */
    public synchronized Optional<ProcessCost> costs() {
        String answer = ParentWatch.COSTS + ++costRequests + " ";
        try {
            stdin.write((answer + "\n").getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(COSTS_ANSWER_MILLIS);
            while (System.nanoTime() < deadline && process.isAlive()) {
                String line = costAnswers.poll(50, TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith(answer)) {
                    return Optional.of(ProcessCost.parse(line.substring(answer.length())));
                }
            }
        } catch (IOException e) {
            // stdin is closed: the peer is stopping or gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    private String awaitLine(String prefix, String what) {
        return awaitLine(prefix, what, System.nanoTime() + TimeUnit.SECONDS.toNanos(HANDSHAKE_TIMEOUT_SECONDS));
    }

    private String awaitLine(String prefix, String what, long deadline) {
        try {
            while (System.nanoTime() < deadline) {
                String line = control.poll(100, TimeUnit.MILLISECONDS);
                if (line == null) {
                    continue;
                }
                if (line.startsWith("ERROR ")) {
                    throw new PeerFailure(description + ": " + name + " (pid " + pid() + ") failed: " + line.substring(6));
                }
                if (line.equals(END_OF_OUTPUT)) {
                    throw failure(what);
                }
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill("did not send " + what + " within " + HANDSHAKE_TIMEOUT_SECONDS + " s (" + ProcState.of(pid()) + ")");
        throw failure(what);
    }

    /** Kills the peer, noting its state in /proc (stopped, sleeping...) with the reason. */
    @Override
    public void stalled(String why) {
        kill(why + " (" + ProcState.of(pid()) + ")");
    }

    /** Kills the peer because it stalled; the verdict becomes part of every later failure message. */
    void kill(String why) {
        verdict = why;
        process.destroyForcibly();
    }

    /**
     * Why the peer is gone, as an exception to throw: its exit status, the watchdog's verdict, its
     * last words. A dead peer's last lines may still be on their way through the pipes (the
     * benchmark can notice the death first): they are awaited briefly.
     */
    @Override
    public PeerFailure failure(String waitingFor) {
        String status;
        try {
            boolean exited = process.waitFor(2, TimeUnit.SECONDS);
            status = exited ? ExitStatus.describe(process.exitValue()) : "is still running but stopped answering";
            if (exited) {
                outputRead.await(LAST_OUTPUT_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = "state unknown (interrupted)";
        }
        StringBuilder message = new StringBuilder(description).append(": ").append(name).append(" (pid ").append(pid()).append(") ")
                .append(status).append(" while the benchmark waited for ").append(waitingFor);
        control.stream().filter(line -> line.startsWith("ERROR ")).findFirst()
                .ifPresent(line -> message.append("; ").append(name).append(" reported: ").append(line.substring(6)));
        String why = verdict;
        if (why != null) {
            message.append("; the watchdog killed it because it ").append(why);
        }
        synchronized (recentStderr) {
            if (!recentStderr.isEmpty()) {
                message.append(". Last output of ").append(name).append(":\n  ").append(String.join("\n  ", recentStderr));
            }
        }
        return new PeerFailure(message.toString());
    }

    /** Tells the peer to exit (end of file on its stdin) without waiting for it: several peers then exit together. */
    void closeStdin() {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // the peer is already gone: nothing to tell it
        }
    }

    /** Closes stdin (the peer exits on end of file), waits briefly, then kills it if still there. */
    @Override
    public void close() {
        close(EXIT_SECONDS);
    }

    /** The same, waiting up to {@code seconds} for the peer to exit (one writing its flame graphs takes longer). */
    void close(long seconds) {
        closeStdin();
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void forwardStderr(String line) {
        System.err.println("[peer " + pid() + "] " + line);
        synchronized (recentStderr) {
            if (recentStderr.size() == KEPT_STDERR_LINES) {
                recentStderr.removeFirst();
            }
            recentStderr.addLast(line);
        }
    }

    private void readLines(BufferedReader reader, java.util.function.Consumer<String> sink) {
        try (reader) {
            for (String line; (line = reader.readLine()) != null; ) {
                sink.accept(line);
            }
        } catch (IOException ignored) {
            // the stream closes when the peer dies: the caller learns it from the return
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    /** How the peer's state reads in /proc, for a stall message: "T (stopped)", "S (sleeping)". */
    static final class ProcState {
        static String of(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                char state = stat.charAt(stat.lastIndexOf(')') + 2);
                return "state " + switch (state) {
                    case 'T', 't' -> "T (stopped)";
                    case 'R' -> "R (running)";
                    case 'S' -> "S (sleeping)";
                    case 'D' -> "D (uninterruptible wait)";
                    case 'Z' -> "Z (zombie)";
                    default -> String.valueOf(state);
                };
            } catch (IOException | UncheckedIOException | StringIndexOutOfBoundsException e) {
                return "state unknown";
            }
        }
    }
}
