package io.ipcbench.peer;

import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Params;
import io.ipcbench.traffic.RoundTrip;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A benchmark JVM that never tears down: {@code AbandonedSessionMain <exit|hang> <mechanism class>
 * key=value...} opens a session of that mechanism (its named objects, a peer), makes one round
 * trip, prints the peer's pid, then either exits at once, as a JMH fork does after a benchmark
 * threw, or waits to be killed.
 */
public final class AbandonedSessionMain {
    private AbandonedSessionMain() {}

    /** A running benchmark JVM of this class, and its peer. */
    public record Abandoned(Process benchmark, long peer) {}

    public static void main(String[] args) throws ReflectiveOperationException, InterruptedException {
        Mechanism mechanism = (Mechanism) Class.forName(args[1]).getConstructor().newInstance();
        Params params = new Params(mechanism.name(), Params.parseArgs(Arrays.asList(args).subList(2, args.length)));
        RoundTrip roundTrip = PeerTraffic.roundTrip(mechanism, params);
        roundTrip.once();
        System.out.println("PEER " + PeerTraffic.session(roundTrip).peer().pid());
        System.out.flush();
        if (args[0].equals("exit")) {
            System.exit(3);
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Starts such a JVM ({@code mode} exit or hang) and waits until its peer answered. */
    public static Abandoned launch(String mode, Mechanism mechanism, Params params) {
        List<String> command = new ArrayList<>(List.of(PeerProcess.javaBinary(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), AbandonedSessionMain.class.getName(), mode, mechanism.getClass().getName()));
        command.addAll(params.toArgs());
        try {
            Process benchmark = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = benchmark.inputReader();
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("PEER ")) {
                    return new Abandoned(benchmark, Long.parseLong(line.substring(5)));
                }
            }
            throw new AssertionError("the benchmark JVM exited with " + benchmark.onExit().join().exitValue() + " before starting its peer");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
