package io.ipcbench.uds;

import io.ipcbench.link.FanIn;
import io.ipcbench.link.FdWait;
import io.ipcbench.link.Liveness;
import io.ipcbench.link.Params;
import io.ipcbench.os.NamedObjects;
import io.ipcbench.os.Sockets;

import java.nio.file.Path;
import java.util.Map;

/**
 * Fan-in through Unix domain sockets that keep message boundaries ({@link PacketType}), one
 * receiving end in the benchmark JVM, in a private 0700 directory, the socket file 0600:
 * <ul>
 * <li>DGRAM: one socket bound to {@code <dir>/fan-in}; each producer connects an unbound socket of
 * its own to that path and sends. The receiver is connected to no one, so the kernel paces the
 * senders by its datagram queue (net.unix.max_dgram_qlen) and by each sender's send buffer, in
 * which a message stays charged until it is received. Both sides wait in blocking calls that give
 * up every 200 ms to check the other ({@link PacketLink}).
 * <li>SEQPACKET: one socket listening on {@code <dir>/fan-in} with a backlog of N; each producer
 * connects, and the consumer polls the N connections ({@link PolledConnections}).
 * </ul>
 * Every message is one send(2) and one recv(2), whole; a size one message cannot carry on this
 * kernel is refused by {@link #validate} ({@link SendBuffer}), and every producer's send buffer
 * is raised to hold one message where the kernel's default cannot.
 */
public final class PacketFanIn implements FanIn {
    private static final String FILE = "fan-in";

    @Override
    public String name() {
        return "uds";
    }

    @Override
    public void validate(Params params, int producers) {
        SendBuffer.requireCarries(PacketType.of(params).type, params.size());
    }

    @Override
    public Offer offer(Params params, int producers, NamedObjects names) {
        PacketType type = PacketType.of(params);
        Path directory = names.createPrivateDirectory("uds");
        Path path = directory.resolve(FILE);
        SetUpSocket socket = new SetUpSocket(Sockets.socket(type == PacketType.DGRAM ? Sockets.SOCK_DGRAM
                : Sockets.SOCK_SEQPACKET | Sockets.SOCK_NONBLOCK));
        names.onClose(socket::close);
        NativeSockets.bind(socket.fd(), path);
        if (type == PacketType.SEQPACKET) {
            Sockets.listen(socket.fd(), producers);
        }
        return new Offer() {
            @Override
            public Map<String, String> forProducers() {
                return Map.of(UdsMechanism.DIRECTORY, directory.toString());
            }

            @Override
            public Receiver connect(Liveness liveness) {
                return switch (type) {
                    case SEQPACKET -> new PolledConnections(socket, path, producers, liveness);
                    case DGRAM -> {
                        PacketLink link = new PacketLink(socket.handOver(), SocketType.DGRAM, FdWait.BLOCKING, liveness);
                        yield Receiver.of(link::receive, link::close);
                    }
                };
            }
        };
    }

    @Override
    public Sender attachProducer(Params params, Map<String, String> offered, Liveness consumer) {
        SocketType type = PacketType.of(params).type;
        int fd = Sockets.socket(type.code);
        Sockets.connect(fd, Path.of(offered.get(UdsMechanism.DIRECTORY)).resolve(FILE));
        return NativeSockets.link(fd, type, params, consumer)::send;
    }
}
