package io.ipcbench.uds;

import io.ipcbench.link.Params;

/**
 * The {@code transfer} parameter of the uds module: how a message's payload crosses the socket.
 * Either way the receiver copies every byte into its own buffer (it must have them to consume
 * them), so both pay two copies of the payload; what differs is what the socket carries and what
 * each message costs besides.
 */
public enum Transfer {
    /** The payload itself goes through the socket: send(2) copies it into the kernel's socket buffers, recv(2) copies it out. */
    COPY,
    /**
     * Each message is a sealed memfd holding the payload, handed over in SCM_RIGHTS with an 8-byte
     * header (its length): the socket carries a descriptor, however large the payload. The sender
     * writes the payload into a fresh memfd and seals it; the receiver checks the seals and the size,
     * pread(2)s every byte and closes it. See {@link FdPassingLink}.
     */
    FD_PASSING;

    /** The trial's {@code transfer} parameter; COPY where a caller gives none. */
    static Transfer of(Params params) {
        return params.has("transfer") ? params.choice("transfer", Transfer.class) : COPY;
    }
}
