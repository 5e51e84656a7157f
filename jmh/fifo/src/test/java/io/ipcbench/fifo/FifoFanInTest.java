package io.ipcbench.fifo;

import io.ipcbench.link.StreamFanIn;
import io.ipcbench.peer.StreamFanInContract;

/**
 * Fan-in through one FIFO with real producer processes, each opening it by path
 * ({@link StreamFanInContract}); after every case, the FIFO and its directory are gone.
 */
class FifoFanInTest extends StreamFanInContract {
    @Override
    protected StreamFanIn fanIn() {
        return new NamedPipeFanIn();
    }
}
