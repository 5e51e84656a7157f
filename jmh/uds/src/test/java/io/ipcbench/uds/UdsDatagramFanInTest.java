package io.ipcbench.uds;

/** Fan-in into one bound DGRAM socket, every producer sending to its path ({@link PacketFanInContract}). */
class UdsDatagramFanInTest extends PacketFanInContract {
    @Override
    protected PacketType type() {
        return PacketType.DGRAM;
    }
}
