package io.ipcbench.peer;

import io.ipcbench.link.Link;
import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Messages;
import io.ipcbench.link.Params;
import io.ipcbench.link.Role;
import io.ipcbench.os.Libc;
import io.ipcbench.traffic.OneWay;
import io.ipcbench.traffic.RoundTrip;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The peer JVM: {@code PeerMain <mechanism class> <role> <parent pid> <cpu|-1> key=value... -- key=value...}
 * (the trial's parameters, then what the benchmark side created for it). It attaches, reports
 * READY on stdout, waits for GO on stdin, then echoes or sinks until its parent closes the link
 * or stdin. stdout carries only the control protocol; diagnostics go to stderr.
 */
public final class PeerMain {
    private static FlameGraphs flameGraphs;

    private PeerMain() {}

    /**
     * Every way out of the peer: the flame graphs, if asked for, are written first; a failed dump makes
     * the status 1. Once only: the stdin reader seeing end of file and the serving thread seeing the link
     * gone both come here as the benchmark side closes, and a second dump truncating a file while the
     * first halted the JVM left that file empty (synchronized: the second caller waits for the halt).
     */
    static synchronized void exit(int status) {
        boolean dumped = flameGraphs == null || flameGraphs.dumpInPeer();
        Runtime.getRuntime().halt(status == 0 && !dumped ? 1 : status);
    }

    public static void main(String[] args) {
        Libc.setParentDeathSignal(Libc.SIGKILL);
        long parent = Long.parseLong(args[2]);
        if (Libc.getppid() != parent) {
            Runtime.getRuntime().halt(0); // the parent died before the death signal was armed
        }
        flameGraphs = FlameGraphs.startInPeer();
        ParentWatch parentWatch = new ParentWatch(parent);
        try {
            Mechanism mechanism = (Mechanism) Class.forName(args[0]).getConstructor().newInstance();
            Role role = Role.valueOf(args[1]);
            int cpu = Integer.parseInt(args[3]);
            List<String> rest = Arrays.asList(args).subList(4, args.length);
            int split = rest.indexOf("--");
            Params params = new Params(mechanism.name(), Params.parseArgs(rest.subList(0, split)));
            Map<String, String> offered = Params.parseArgs(rest.subList(split + 1, rest.size()));
            Link link = mechanism.attach(params, offered, parentWatch,
                    (key, value) -> control("EXPORT " + key + "=" + value));
            control("READY");
            parentWatch.awaitGo();
            link.connected();
            // the JVM started on the housekeeping CPUs; only this, the serving thread, leaves them,
            // once every thread the peer starts for itself has been started
            if (cpu >= 0) {
                Libc.pinCurrentThread(cpu);
            }
            serve(role, link, params, mechanism.messages(params));
        } catch (Throwable t) {
            control("ERROR " + String.valueOf(t.getMessage()).replace('\n', ' '));
            t.printStackTrace();
            exit(1);
        }
    }

    /** The peer's half of the traffic: echoes or sinks until the benchmark side goes away (the link's liveness ends it). */
    public static void serve(Role role, Link link, Params params, Messages messages) {
        switch (role) {
            case ECHO -> RoundTrip.echo(link, params, messages);
            case SINK -> OneWay.sink(link, params, messages);
        }
    }

    /**
     * The frame of a peer among several ({@link ProducerMain}, {@link ServerPeerMain}): it dies with
     * its parent, runs {@code body} with the parent's liveness, and reports anything thrown as
     * {@code ERROR} before it exits.
     */
    static void runChildOf(long parent, ChildBody body) {
        Libc.setParentDeathSignal(Libc.SIGKILL);
        if (Libc.getppid() != parent) {
            Runtime.getRuntime().halt(0); // the parent died before the death signal was armed
        }
        ParentWatch parentWatch = new ParentWatch(parent);
        try {
            body.run(parentWatch);
        } catch (Throwable t) {
            control("ERROR " + String.valueOf(t.getMessage()).replace('\n', ' '));
            t.printStackTrace();
            exit(1);
        }
    }

    /** What a peer among several does once it dies with its parent. */
    interface ChildBody {
        void run(ParentWatch parentWatch) throws Exception;
    }

    /**
     * Reports READY, waits for GO, then moves the calling thread to {@code cpu} (-1: left where it
     * is), as {@link #main} does: only the sending thread leaves the housekeeping CPUs.
     */
    static void readyThenPin(ParentWatch parentWatch, int cpu) throws InterruptedException {
        control("READY");
        parentWatch.awaitGo();
        if (cpu >= 0) {
            Libc.pinCurrentThread(cpu);
        }
    }

    static void control(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
