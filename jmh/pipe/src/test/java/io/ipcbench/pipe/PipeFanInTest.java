package io.ipcbench.pipe;

import io.ipcbench.link.StreamFanIn;
import io.ipcbench.peer.StreamFanInContract;

/**
 * Fan-in through one anonymous pipe with real producer processes, each opening the write end
 * through /proc ({@link StreamFanInContract}).
 */
class PipeFanInTest extends StreamFanInContract {
    @Override
    protected StreamFanIn fanIn() {
        return new SharedPipeFanIn();
    }
}
