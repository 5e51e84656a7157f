package io.ipcbench.uds;

import io.ipcbench.link.Params;
import io.ipcbench.os.Sockets;

/** The {@code type} parameter of the uds module: which kind of Unix domain socket carries the messages. */
public enum SocketType {
    /** A byte stream (java.nio): no message boundaries, messages of any size, short reads and writes looped. */
    STREAM(Sockets.SOCK_STREAM),
    /** Connected, reliable, ordered, and one send is one receive: boundaries kept by the kernel. */
    SEQPACKET(Sockets.SOCK_SEQPACKET),
    /** Datagrams between two bound addresses, each side connected to the other; reliable on AF_UNIX, boundaries kept. */
    DGRAM(Sockets.SOCK_DGRAM);

    final int code;

    SocketType(int code) {
        this.code = code;
    }

    static SocketType of(Params params) {
        return params.choice("type", SocketType.class);
    }
}
