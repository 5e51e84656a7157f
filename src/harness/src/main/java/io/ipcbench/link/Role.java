package io.ipcbench.link;

/** What the peer does with the messages it receives. */
public enum Role {
    /** Sends every message straight back: the other half of a round trip. */
    ECHO,
    /** Consumes every message and acknowledges each batch: the receiving end of a one-way stream. */
    SINK
}
