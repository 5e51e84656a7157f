package io.ipcbench.peer;

import io.ipcbench.link.Params;
import io.ipcbench.link.Server;
import io.ipcbench.os.Libc;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.os.PinnedCpus;
import io.ipcbench.os.Pinning;
import io.ipcbench.os.ResourceLimits;
import io.ipcbench.traffic.EchoClient;
import io.ipcbench.traffic.EchoServer;
import io.ipcbench.traffic.FanInTraffic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The benchmark side of a request/response trial: {@code clients} clients do round trips with
 * one server, which waits on their connections with epoll ({@link EchoServer}). The benchmark JVM
 * creates the listening socket; what it measures decides its own role ({@link Measured}).
 *
 * <p>Every guarantee of a {@link Session} holds for each peer ({@link PeerGroup}): the params are
 * checked before anything exists ({@link #check}); the peers start together within one handshake
 * bound; each failure names its process by role and pid ("the server (pid 4242) exited with status
 * 137 (killed by SIGKILL)", "client 3 of 8 (pid 4243) ..."); closing, on every path, stops every
 * peer and removes every named object, with the shutdown hook behind it.
 *
 * <p>Stalls: the server process is judged by this JVM's round trips (killed after {@link
 * Watchdog#STALL_SECONDS} of one without a reply); a client process serving this JVM, by its
 * requests; a load client, which talks only to the server, by its CPU time (/proc), over twice
 * that bound, so that a stopped server is named before the load clients it starves.
 */
public final class ServerSession implements CostedTrial, AutoCloseable {
    /** The most clients a trial may have: each is a JVM, and the bound keeps a mistyped count from forking thousands. */
    public static final int MAX_CLIENTS = 100;
    /** What each client costs this JVM in descriptors: the pipes of a peer's stdin, stdout and stderr, and a connection. */
    private static final int DESCRIPTORS_PER_CLIENT = 4;
    private static final String WAITING_FOR_REQUEST = "a request from any client";
    private static final String WAITING_FOR_REPLY = "a reply from the server";

    /** What the benchmark JVM measures, and so which role it plays. */
    public enum Measured {
        /** Its own round trips, as client 1 of C, with a server process and C - 1 load client processes doing round trips back to back. */
        LATENCY,
        /** The requests it answers per second, as the server, of C client processes doing round trips back to back. */
        THROUGHPUT
    }

    private final Server server;
    private final Params params;
    private final Measured measured;
    private final int count;
    private final Pinning.Plan cpus;
    private final NamedObjects names = new NamedObjects();
    private final PeerGroup peers;
    /** The listening socket while this JVM still holds it alone; -1 once the server (a process, or {@link #echoServer}) does. */
    private int listening = -1;
    private LoadWatch loadWatch;
    private EchoServer echoServer;
    private EchoClient client;

    private ServerSession(Server server, Params params, Measured measured, int count, Pinning.Plan cpus) {
        this.server = server;
        this.params = params;
        this.measured = measured;
        this.count = count;
        this.cpus = cpus;
        this.peers = new PeerGroup(params.describe());
    }

    /** The {@code clients} param: how many clients, 1 to {@link #MAX_CLIENTS}. */
    public static int clients(Params params) {
        return params.intIn("clients", 1, MAX_CLIENTS, "the number of client processes");
    }

    /** What {@link #open} checks before it creates anything, alone; throws naming what is refused. */
    public static void check(Server server, Params params) {
        int count = clients(params);
        params.intIn("size", FanInTraffic.MIN_SIZE, Params.MAX_SIZE,
                "the payload in bytes (a request carries its client and sequence number in its first 8)");
        server.validate(params, count);
        params.pinning().plan();
        ResourceLimits.requireDescriptorsForTrial(params.describe(),
                ResourceLimits.TRIAL_DESCRIPTORS + (long) DESCRIPTORS_PER_CLIENT * count);
    }

    /** Opens the trial: the listening socket created, every peer started, connected and serving. */
    public static ServerSession open(Server server, Params params, Measured measured) {
        check(server, params);
        ServerSession session = new ServerSession(server, params, measured, clients(params), params.pinning().plan());
        NamedObjects.sweepDeadOwners();
        Cleanup.register(session);
        try {
            session.start();
            return session;
        } catch (RuntimeException | Error e) {
            session.close();
            throw e;
        }
    }

    private void start() {
        int[] peerCpus = cpus.peerCpus(count);
        SortedSet<Integer> pinned = new TreeSet<>(cpus.cpus());
        Arrays.stream(peerCpus).filter(cpu -> cpu >= 0).forEach(pinned::add);
        PinnedCpus.claim(pinned, names);
        Server.Listener listener = server.listen(params, count, names);
        listening = listener.fd();
        if (measured == Measured.LATENCY) {
            peers.start("the server", command(ServerPeerMain.SERVER, 0, peerCpus[0], listener), cpus.otherThreads());
            for (int i = 1; i < count; i++) {
                peers.start(clientName(i), command("client", i, peerCpus[i], listener), cpus.otherThreads(), 2 * Watchdog.STALL_SECONDS);
            }
            peers.awaitReady();
            Libc.close(listening); // the server process holds it now
            listening = -1;
            client = new EchoClient(server.connect(params, listener.forClients()), params.size(), 0, count, params.describe(), peers.liveness());
            loadWatch = new LoadWatch(peers);
        } else {
            for (int i = 0; i < count; i++) {
                peers.start(clientName(i), command("client", i, peerCpus[i], listener), cpus.otherThreads());
            }
            echoServer = new EchoServer(server, listener.fd(), count, params.size(), params.describe(), peers.liveness(), false,
                    this::served);
            listening = -1;
            peers.awaitReady();
        }
        peers.go();
        peers.serving();
        Session.opened(this);
    }

    /** "client 3 of 8", as every request names client index 2. */
    private String clientName(int index) {
        return "client " + (index + 1) + " of " + count;
    }

    /** {@link Measured#LATENCY}: one request to the server and its reply, checked; this JVM is client 1. */
    public void roundTrip() {
        peers.throwIfOneExited(WAITING_FOR_REPLY);
        Watchdog serverWatchdog = peers.watchdog(0);
        serverWatchdog.operationBegins();
        client.roundTrip();
        serverWatchdog.progressed();
    }

    /** {@link Measured#THROUGHPUT}: one request answered, from whichever client's is ready, checked. */
    public void serveOne() {
        peers.throwIfOneExited(WAITING_FOR_REQUEST);
        echoServer.serveOne();
    }

    private void served(int client) {
        Watchdog watchdog = peers.watchdog(client);
        watchdog.progressed();
        watchdog.operationBegins();
    }

    /** From now until {@link #iterationEnds}, a client whose requests stop (or a load client whose CPU time stops) is killed. */
    public void iterationBegins() {
        if (measured == Measured.THROUGHPUT) {
            peers.operationsBegin();
        } else {
            loadWatch.begin();
        }
    }

    /** Between iterations no client is judged. */
    public void iterationEnds() {
        if (measured == Measured.THROUGHPUT) {
            peers.operationsEnd();
        } else {
            loadWatch.end();
        }
    }

    /** {@link Measured#THROUGHPUT}: how many requests each client has had answered so far, by index. */
    public long[] served() {
        return echoServer.served();
    }

    public Params params() {
        return params;
    }

    /** The peer processes' pids: {@link Measured#LATENCY}, the server's then the load clients'; {@link Measured#THROUGHPUT}, the clients'. */
    public List<Long> peerPids() {
        return peers.pids();
    }

    /** Pins the calling (measuring) thread as the plan says; JMH may change threads between iterations. */
    public void pinBenchmarkThread() {
        cpus.pinCurrentThreadAsBenchmark();
    }

    /** One line for people: where this JVM and the peers run. */
    public String describeCpus() {
        int[] peerCpus = cpus.peerCpus(count);
        if (peerCpus[0] < 0) {
            return cpus.describe();
        }
        if (measured == Measured.THROUGHPUT) {
            return "server (this JVM) on CPU " + cpus.benchmarkCpu() + ", clients' threads " + PeerGroup.placement(peerCpus)
                    + "; other threads on CPUs " + cpus.otherThreads();
        }
        String loads = count == 1 ? "" : ", load clients' threads " + PeerGroup.placement(Arrays.copyOfRange(peerCpus, 1, count));
        return "client 1 (this JVM) on CPU " + cpus.benchmarkCpu() + ", the server on CPU " + peerCpus[0] + loads
                + "; other threads on CPUs " + cpus.otherThreads();
    }

    @Override
    public CostReading costs() {
        return peers.costs();
    }

    @Override
    public CostReading opening() {
        return peers.opening();
    }

    @Override
    public synchronized void close() {
        peers.beginClosing();
        if (loadWatch != null) {
            loadWatch.close();
        }
        if (client != null) {
            client.close();
            client = null;
        }
        if (echoServer != null) {
            echoServer.close();
            echoServer = null;
        }
        if (listening >= 0) {
            Libc.close(listening);
            listening = -1;
        }
        peers.close();
        names.close();
        Cleanup.unregister(this);
    }

    private List<String> command(String role, int index, int cpu, Server.Listener listener) {
        List<String> command = new ArrayList<>(List.of(server.getClass().getName(), Long.toString(ProcessHandle.current().pid()),
                Integer.toString(cpu), role, Integer.toString(index)));
        command.addAll(params.toArgs());
        command.add("--");
        listener.forClients().forEach((k, v) -> command.add(k + "=" + v));
        command.add(ServerPeerMain.LISTENER_FD + "=" + listener.fd());
        return PeerGroup.command(ServerPeerMain.class, command);
    }
}
