package io.ipcbench.mqueue;

import io.ipcbench.link.Params;
import io.ipcbench.peer.FanInSession;
import io.ipcbench.peer.PeerProcess;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A benchmark JVM that opens a fan-in trial and never tears it down: {@code AbandonedFanInMain
 * key=value...} opens the POSIX queue fan-in, consumes some messages, prints its producers' pids,
 * then waits to be killed.
 */
public final class AbandonedFanInMain {
    private static final int MESSAGES = 1000;

    private AbandonedFanInMain() {}

    /** A running benchmark JVM of this class, and its producers' pids. */
    record Abandoned(Process benchmark, List<Long> producers) {}

    public static void main(String[] args) throws InterruptedException {
        Params params = new Params("mqueue", Params.parseArgs(Arrays.asList(args)));
        FanInSession session = FanInSession.open(new PosixQueueFanIn(), params);
        session.iterationBegins();
        for (int i = 0; i < MESSAGES; i++) {
            session.receive();
        }
        System.out.println("PRODUCERS " + session.producerPids().stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElseThrow());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Starts such a JVM and waits until its producers have delivered. */
    static Abandoned launch(Params params) {
        List<String> command = new ArrayList<>(List.of(PeerProcess.javaBinary(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), AbandonedFanInMain.class.getName()));
        command.addAll(params.toArgs());
        try {
            Process benchmark = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = benchmark.inputReader();
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("PRODUCERS ")) {
                    return new Abandoned(benchmark, Arrays.stream(line.substring(10).split(",")).map(Long::valueOf).toList());
                }
            }
            throw new AssertionError("the benchmark JVM exited with " + benchmark.onExit().join().exitValue() + " before its producers delivered");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
