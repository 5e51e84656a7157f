package io.ipcbench.uds;

/** Fan-in over one SEQPACKET connection per producer, the consumer polling them all ({@link PacketFanInContract}). */
class UdsSeqpacketFanInTest extends PacketFanInContract {
    @Override
    protected PacketType type() {
        return PacketType.SEQPACKET;
    }
}
