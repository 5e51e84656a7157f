package io.ipcbench.uds;

import io.ipcbench.link.Params;

/**
 * The {@code socket} parameter of {@link UdsFanIn}: the socket types that keep message boundaries,
 * whose messages a fan-in consumer receives whole from whichever producer sent one. (Not
 * {@code type}: every profile sets {@code type} for the whole module, STREAM included.)
 */
public enum PacketType {
    /** One listening socket, one connection per producer, the consumer polling them all. */
    SEQPACKET(SocketType.SEQPACKET),
    /** One bound socket, every producer sending to its path. */
    DGRAM(SocketType.DGRAM);

    final SocketType type;

    PacketType(SocketType type) {
        this.type = type;
    }

    static PacketType of(Params params) {
        return params.choice("socket", PacketType.class);
    }
}
