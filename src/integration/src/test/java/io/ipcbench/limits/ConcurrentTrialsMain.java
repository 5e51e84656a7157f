package io.ipcbench.limits;

import io.ipcbench.eventfd.EventfdMechanism;
import io.ipcbench.fifo.FifoMechanism;
import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Params;
import io.ipcbench.mmap.MmapMechanism;
import io.ipcbench.mqueue.MqueueMechanism;
import io.ipcbench.os.Leftovers;
import io.ipcbench.peer.PeerTraffic;
import io.ipcbench.pipe.PipeMechanism;
import io.ipcbench.shm.ShmMechanism;
import io.ipcbench.tcp.TcpMechanism;
import io.ipcbench.traffic.RoundTrip;
import io.ipcbench.uds.UdsMechanism;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One of two suites run at once: it opens a trial of every mechanism that names something (files,
 * semaphores, FIFOs, socket paths, ports, queues), all at the same time, prints {@code OPEN} and
 * waits for a line on stdin, so the parent can hold both suites' objects alive together; then it
 * makes verified round trips on each, printing {@code OK <trial>} or {@code ERROR <trial>: <message>},
 * closes them and prints {@code LEFT} and its objects still present.
 */
public final class ConcurrentTrialsMain {
    private static final int ROUND_TRIPS = 100;
    /** Blocking variants only: two suites of waiting peers must not spin on the machine's CPUs. */
    static final List<Trial> TRIALS = List.of(
            new Trial(new ShmMechanism(), Map.of("sync", "FUTEX", "layout", "PADDED", "capacity", "1", "size", "4096")),
            new Trial(new ShmMechanism(), Map.of("sync", "SEMAPHORE", "layout", "PADDED", "capacity", "1", "size", "4096")),
            new Trial(new MmapMechanism(), Map.of("backing", "DEV_SHM", "sync", "FUTEX", "layout", "PADDED", "capacity", "1", "size", "4096")),
            new Trial(new MmapMechanism(), Map.of("backing", "DISK", "sync", "FUTEX", "layout", "PADDED", "capacity", "1", "size", "4096")),
            new Trial(new MmapMechanism(), Map.of("backing", "MEMFD", "sync", "FUTEX", "layout", "PADDED", "capacity", "1", "size", "4096")),
            new Trial(new EventfdMechanism(), Map.of("shape", "RING", "wait", "BLOCKING", "capacity", "1", "size", "4096")),
            new Trial(new PipeMechanism(), Map.of("wait", "BLOCKING", "size", "4096")),
            new Trial(new FifoMechanism(), Map.of("wait", "BLOCKING", "size", "4096")),
            new Trial(new UdsMechanism(), Map.of("type", "STREAM", "wait", "BLOCKING", "size", "4096")),
            new Trial(new UdsMechanism(), Map.of("type", "DGRAM", "wait", "BLOCKING", "size", "4096")),
            new Trial(new TcpMechanism(), Map.of("nodelay", "true", "wait", "BLOCKING", "size", "4096")),
            new Trial(new MqueueMechanism(), Map.of("api", "POSIX", "wait", "BLOCKING", "depth", "1", "size", "4096")),
            new Trial(new MqueueMechanism(), Map.of("api", "SYSV", "wait", "BLOCKING", "depth", "1", "size", "4096")));

    record Trial(Mechanism mechanism, Map<String, String> values) {
        Params params(String pinning) {
            Map<String, String> pinned = new HashMap<>(values);
            pinned.put("pinning", pinning);
            return new Params(mechanism.name(), pinned);
        }
    }

    private ConcurrentTrialsMain() {}

    /** {@code args[0]}: the pinning param of every trial. */
    public static void main(String[] args) throws Exception {
        List<RoundTrip> open = new ArrayList<>();
        try {
            for (Trial trial : TRIALS) {
                open.add(PeerTraffic.roundTrip(trial.mechanism(), trial.params(args[0])));
            }
            System.out.println("OPEN");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in)).readLine();
            for (RoundTrip roundTrip : open) {
                String trial = PeerTraffic.session(roundTrip).params().describe();
                try {
                    for (long seq = 1; seq <= ROUND_TRIPS; seq++) {
                        roundTrip.onceVerified(seq);
                    }
                    System.out.println("OK " + trial);
                } catch (RuntimeException e) {
                    System.out.println("ERROR " + trial + ": " + e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            System.out.println("ERROR opening: " + e.getMessage());
        } finally {
            open.forEach(RoundTrip::close);
        }
        System.out.println("LEFT " + Leftovers.of(ProcessHandle.current().pid()));
    }
}
