package io.ipcbench.link;

import java.lang.foreign.MemorySegment;

/**
 * One end of a two-way link between the benchmark process and its peer, through one
 * kernel mechanism. Messages have a length both ends agree on; {@link #receive} returns only
 * when the whole message has been copied into the caller's buffer, however the mechanism
 * delivers it (short reads, slots, datagrams). Implementations allocate nothing per message.
 */
public interface Link extends AutoCloseable {
    /** Sends the first {@code length} bytes of {@code message}; blocks while the link is full. */
    void send(MemorySegment message, int length);

    /** Receives one message of exactly {@code length} bytes into {@code into}. */
    void receive(MemorySegment into, int length);

    /**
     * True when {@link #send} hands the kernel references to the message's pages instead of a copy
     * of its bytes (vmsplice): the caller must then not rewrite a sent message's bytes until the
     * receiver has read them. False, the default: the bytes are copied before send returns.
     */
    default boolean lendsPages() {
        return false;
    }

    /** Peer side only: the benchmark side has connected; release anything kept only for it. */
    default void connected() {}

    @Override
    void close();
}
