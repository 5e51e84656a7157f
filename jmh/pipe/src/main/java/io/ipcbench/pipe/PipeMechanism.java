package io.ipcbench.pipe;

import io.ipcbench.link.FdWait;
import io.ipcbench.link.ForkedPeer;
import io.ipcbench.link.Link;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Params;
import io.ipcbench.link.StreamLink;
import io.ipcbench.link.Variant;
import io.ipcbench.os.Libc;
import io.ipcbench.os.NamedObjects;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Anonymous pipes, one per direction, between the benchmark JVM and its child. The child
 * creates both with pipe2(2) and the parent takes its ends with pidfd_getfd(2): the JDK closes
 * every inherited descriptor above 2 when it spawns a process, and a parent may duplicate a
 * child's descriptor where the child could not take its parent's (Yama ptrace_scope=1). How a
 * message goes in is the {@code copy} param ({@link PipeCopy}): write(2), or vmsplice(2) of the
 * sender's pages ({@link VmspliceLink}); both ends read(2) what arrives.
 */
public final class PipeMechanism implements Mechanism {
    private static final String FDS = "pipe.fds";

    @Override
    public String name() {
        return "pipe";
    }

    /** Both waits, each with both ways into the pipe. */
    @Override
    public List<Variant> variants() {
        return Variant.bothShapes(Arrays.stream(PipeCopy.values()).flatMap(copy ->
                Variant.waits().map(wait -> Variant.with(wait, "copy", copy.name()))));
    }

    @Override
    public void validate(Params params) {
        FdWait.of(params);
        PipeCopy.of(params);
    }

    @Override
    public Offer offer(Params params, NamedObjects names) {
        return new Offer() {
            @Override
            public Map<String, String> forPeer() {
                return Map.of();
            }

            @Override
            public Link connect(ForkedPeer peer, Liveness peerLiveness) {
                int[] fds = Arrays.stream(peer.awaitExport(FDS).split(",")).mapToInt(Integer::parseInt).toArray();
                int fromPeer = Libc.duplicateFrom(peer.pid(), fds[2]);
                int toPeer = Libc.duplicateFrom(peer.pid(), fds[1]);
                return link(params, fromPeer, toPeer, peerLiveness);
            }
        };
    }

    @Override
    public Link attach(Params params, Map<String, String> offered, Liveness benchmark, BiConsumer<String, String> export) {
        int[] toPeer = Libc.pipe2(Libc.O_CLOEXEC);
        int[] fromPeer = Libc.pipe2(Libc.O_CLOEXEC);
        export.accept(FDS, toPeer[0] + "," + toPeer[1] + "," + fromPeer[0] + "," + fromPeer[1]);
        return link(params, toPeer[0], fromPeer[1], benchmark, toPeer[1], fromPeer[0]);
    }

    private static Link link(Params params, int readFd, int writeFd, Liveness other, int... spare) {
        FdWait wait = FdWait.of(params);
        return switch (PipeCopy.of(params)) {
            case READ_WRITE -> new StreamLink(readFd, writeFd, wait, other, spare);
            case VMSPLICE -> new VmspliceLink(readFd, writeFd, wait, other, spare);
        };
    }
}
