package io.ipcbench.udp;

import io.ipcbench.link.FdWait;
import io.ipcbench.link.ForkedPeer;
import io.ipcbench.link.Link;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Messages;
import io.ipcbench.link.Params;
import io.ipcbench.link.Variant;
import io.ipcbench.os.Libc;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.os.Sockets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * UDP over the IPv4 loopback: two sockets, each bound to 127.0.0.1 on a port the kernel picks
 * and connected to the other's, so each sends only to its partner and receives only from it
 * (the kernel drops datagrams from any other address). The benchmark side binds first and
 * passes its port; the peer binds, connects, and exports its own; anything that reached either
 * socket before it was connected is discarded, since no partner sends before the traffic starts.
 * Datagrams move through {@link DatagramLink}, which numbers them and counts what is lost.
 * <p>
 * Loopback UDP never blocks a sender for its receiver: a datagram that finds the receive buffer
 * full is dropped. So {@link #messages} bounds what may be pending to what the receive buffer
 * (net.core.rmem_default, left as the kernel sets it) holds with room to spare, and the one-way
 * window is sized by that, as a UDP application with flow control would: on an idle loopback
 * nothing is lost, and what is lost anyway is counted ({@code drops}). Local only: remote mode
 * is TCP's (a lossy path between hosts would measure the network's losses, not IPC).
 */
public final class UdpMechanism implements Mechanism {
    /** An IPv4 datagram's payload: 65,535 bytes less the IP (20) and UDP (8) headers. */
    static final int LARGEST_DATAGRAM = 65_507;
    /** The largest {@code size}: a datagram's payload less the link's header. */
    static final int LARGEST_SIZE = LARGEST_DATAGRAM - DatagramLink.HEADER_BYTES;
    static final Path RMEM_DEFAULT = Path.of("/proc/sys/net/core/rmem_default");
    private static final String PORT = "udp.port";
    private static final String PEER_PORT = "udp.peerPort";

    /** The benchmark side's end of the current trial, for its count of drops; null before the first. */
    private volatile DatagramLink benchmarkEnd;

    @Override
    public String name() {
        return "udp";
    }

    /** Both waits, in both shapes. */
    @Override
    public List<Variant> variants() {
        return Variant.bothShapes(Variant.waits());
    }

    @Override
    public void validate(Params params) {
        FdWait.of(params);
        int size = params.size();
        if (size > LARGEST_SIZE) {
            throw new IllegalArgumentException("udp: size=" + size + " is more than one datagram carries: an IPv4 UDP datagram holds at most "
                    + LARGEST_DATAGRAM + " bytes, " + DatagramLink.HEADER_BYTES + " of which carry the link's sequence header;"
                    + " choose a size from 1 to " + LARGEST_SIZE);
        }
        long buffer = rmemDefault();
        if (charged(size) > buffer) {
            throw new IllegalArgumentException("udp: size=" + size + " needs a receive buffer of about " + charged(size)
                    + " bytes to hold one datagram, and net.core.rmem_default is " + buffer + " here."
                    + " Raise it (sysctl -w net.core.rmem_default=" + charged(size) + ") or choose a smaller size");
        }
    }

    /**
     * At most half of what the receive buffer holds may be pending: UDP gives back a consumed
     * datagram's charge in batches of up to a quarter of the buffer, so a full count could
     * overflow it. The same in both processes (the sink's batch follows from it).
     */
    @Override
    public Messages messages(Params params) {
        int size = params.size();
        return new Messages(size, (int) Math.max(1, rmemDefault() / charged(size) / 2));
    }

    /**
     * A generous bound on what one datagram of {@code size} payload bytes is charged to the
     * receive buffer (its socket buffer's truesize). Measured on 6.18: 832 bytes up to a 72-byte
     * datagram, 2,315 for 1 KiB, 17,749 for 8 KiB, 70,997 for 64 KiB; this allows twice the
     * datagram and 2 KiB.
     */
    static long charged(int size) {
        return 2L * (size + DatagramLink.HEADER_BYTES) + 2048;
    }

    static long rmemDefault() {
        try {
            // not Files.readString: on /proc/sys files (size 0) it returned only the first byte
            return Long.parseLong(Files.readAllLines(RMEM_DEFAULT).getFirst().strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RMEM_DEFAULT + ", the size of a socket's receive buffer", e);
        }
    }

    @Override
    public Offer offer(Params params, NamedObjects names) {
        int fd = InetDatagrams.bindLoopback();
        AtomicBoolean owned = new AtomicBoolean(true);
        names.onClose(() -> {
            if (owned.getAndSet(false)) {
                Libc.close(fd);
            }
        });
        return new Offer() {
            @Override
            public Map<String, String> forPeer() {
                return Map.of(PORT, Integer.toString(InetDatagrams.port(fd)));
            }

            @Override
            public Link connect(ForkedPeer peer, Liveness peerLiveness) {
                InetDatagrams.connect(fd, Integer.parseInt(peer.awaitExport(PEER_PORT)));
                discardStrays(fd, "the benchmark side");
                DatagramLink link = new DatagramLink(fd, DatagramLink.End.BENCHMARK, FdWait.of(params), peerLiveness);
                // from here the link closes the descriptor; a number closed twice may by then be someone else's
                owned.set(false);
                benchmarkEnd = link;
                return link;
            }
        };
    }

    @Override
    public Link attach(Params params, Map<String, String> offered, Liveness benchmark, BiConsumer<String, String> export) {
        int fd = InetDatagrams.bindLoopback();
        try {
            InetDatagrams.connect(fd, Integer.parseInt(offered.get(PORT)));
            discardStrays(fd, "the peer");
            DatagramLink link = new DatagramLink(fd, DatagramLink.End.PEER, FdWait.of(params), benchmark);
            export.accept(PEER_PORT, Integer.toString(InetDatagrams.port(fd)));
            return link;
        } catch (RuntimeException e) {
            Libc.close(fd);
            throw e;
        }
    }

    /** Datagrams to the peer found missing in the current trial (the peer's count), 0 before one connects. */
    long drops() {
        DatagramLink link = benchmarkEnd;
        return link == null ? 0 : link.drops();
    }

    /** Empties the receive queue of a socket just connected, before its partner sends anything: whatever is there came from elsewhere. */
    private static void discardStrays(int fd, String side) {
        int strays = 0;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment scratch = arena.allocate(1);
            while (Sockets.recv(fd, scratch.address(), 0, Sockets.MSG_DONTWAIT | Sockets.MSG_TRUNC) >= 0) {
                strays++;
            }
        }
        if (strays > 0) {
            System.err.println("udp: " + side + " discarded " + strays + " datagrams that reached its port before it was connected to its partner");
        }
    }
}
