package io.ipcbench.uds;

import io.ipcbench.link.FanIn;
import io.ipcbench.link.Params;
import io.ipcbench.peer.FanInContract;
import org.junit.jupiter.api.Test;

import java.util.Map;

/**
 * Fan-in through Unix domain sockets of one {@link PacketType} with real producer processes
 * ({@link FanInContract}; after every case the socket file and its directory are gone), and the
 * sizes one message cannot carry on this kernel, refused naming the limit.
 */
abstract class PacketFanInContract extends FanInContract {
    protected abstract PacketType type();

    @Override
    protected final FanIn fanIn() {
        return new PacketFanIn();
    }

    @Override
    protected final Map<String, String> variant() {
        return Map.of("socket", type().name());
    }

    @Override
    protected final int largeSize() {
        return 65536;
    }

    @Test
    void aSizeOneMessageCannotCarryIsRefusedNamingTheLimit() {
        assertRefused(params("size", Integer.toString(Params.MAX_SIZE)), "more than one " + type() + " message can carry on this kernel");
        long largest = 2 * SendBuffer.wmemMax() - 32;
        if (largest < Params.MAX_SIZE) {
            assertRefused(params("size", Long.toString(largest + 1)), "the largest is " + largest
                    + " bytes: the socket send buffer less 32, and the kernel caps the buffer at twice net.core.wmem_max");
        }
    }

    @Test
    void aSocketTypeThatKeepsNoBoundariesIsRefused() {
        assertRefused(params("socket", "STREAM"), "socket=STREAM is not allowed; choose one of SEQPACKET, DGRAM");
    }
}
