package io.ipcbench.limits;

import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Params;
import io.ipcbench.os.Leftovers;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.peer.PeerTraffic;
import io.ipcbench.traffic.RoundTrip;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A benchmark JVM for one trial under a limit its parent set (a namespace, an rlimit, a CPU set):
 * {@code <mechanism class> <name> key=value...}. It opens the trial and makes a few verified
 * round trips, then reports on stdout: {@code OK} or {@code ERROR <message>}, whether a peer was
 * ever spawned, and which of its named objects are left, as seen from inside its namespaces
 * (queues too where the parent mounted them, see {@link #QUEUES_MOUNTED_AT}).
 * With {@code --wait} first, it prints {@code FDS <open descriptors>} and waits for a line on
 * stdin, so the parent can lower a limit of this very process (prlimit --pid) before the trial.
 */
public final class LimitedTrialMain {
    /** Where the parent mounted the message queue filesystem of a private IPC namespace, if it did. */
    static final String QUEUES_MOUNTED_AT = "IPCBENCH_TEST_MQUEUE";
    private static final int ROUND_TRIPS = 3;

    private LimitedTrialMain() {}

    public static void main(String[] args) throws Exception {
        List<String> rest = Arrays.asList(args);
        if (rest.getFirst().equals("--wait")) {
            rest = rest.subList(1, rest.size());
            openEveryClassPathEntry();
            try (var fds = Files.list(Path.of("/proc/self/fd"))) {
                System.out.println("FDS " + fds.count());
            }
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in)).readLine();
        }
        Mechanism mechanism = (Mechanism) Class.forName(rest.get(0)).getDeclaredConstructor().newInstance();
        Params params = new Params(rest.get(1), Params.parseArgs(rest.subList(2, rest.size())));
        try (RoundTrip roundTrip = PeerTraffic.roundTrip(mechanism, params)) {
            for (long seq = 1; seq <= ROUND_TRIPS; seq++) {
                roundTrip.onceVerified(seq);
            }
            System.out.println("OK");
        } catch (RuntimeException e) {
            System.out.println("ERROR " + e.getMessage().replace('\n', ' '));
        }
        // PeerProcess starts every peer from this thread, created with the first one
        boolean spawned = Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("ipcbench-peer-spawner"));
        System.out.println("PEER_SPAWNED " + spawned);
        List<String> left = new ArrayList<>(Leftovers.of(ProcessHandle.current().pid()));
        String queues = System.getenv(QUEUES_MOUNTED_AT);
        if (queues != null) {
            left.addAll(NamedObjects.presentFor(ProcessHandle.current().pid(), Path.of(queues)));
        }
        System.out.println("LEFT " + left);
    }

    /**
     * The class path's jars (the harness's, each mechanism's) are opened as their classes are first
     * looked up, each holding a descriptor from then on: a lookup that finds nothing opens them
     * all, so that the descriptors counted for the parent are those the trial starts with.
     */
    private static void openEveryClassPathEntry() {
        try {
            Class.forName(LimitedTrialMain.class.getName() + "$NotOnTheClassPath");
            throw new IllegalStateException("a class that does not exist was found");
        } catch (ClassNotFoundException expected) {
            // every entry was searched
        }
    }
}
