package io.ipcbench.pipe;

import io.ipcbench.link.DescriptorStreamContract;
import io.ipcbench.link.Mechanism;

class PipeTest extends DescriptorStreamContract {
    @Override
    protected Mechanism mechanism() {
        return new PipeMechanism();
    }
}
