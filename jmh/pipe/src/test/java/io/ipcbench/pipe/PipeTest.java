package io.ipcbench.pipe;

import io.ipcbench.link.DescriptorStreamContract;
import io.ipcbench.link.FdWait;
import io.ipcbench.link.Mechanism;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The stream contract for both ways into the pipe; every VMSPLICE case verifies every byte, so a
 * buffer rewritten while the pipe still held its pages would fail it (see {@link VmspliceLinkTest}
 * for why it would).
 */
class PipeTest extends DescriptorStreamContract {
    @Override
    protected Mechanism mechanism() {
        return new PipeMechanism();
    }

    /** Polling, and both waits with vmsplice, whose sender waits for room in vmsplice(2), not in write(2). */
    @Override
    protected Stream<Map<String, String>> otherWaitVariants() {
        return Stream.concat(super.otherWaitVariants(),
                Arrays.stream(FdWait.values()).map(wait -> Map.of("wait", wait.name(), "copy", PipeCopy.VMSPLICE.name())));
    }

    /** The stream's refusals, and a way into the pipe the module does not offer. */
    @Override
    protected Stream<Map.Entry<Map<String, String>, String>> invalidVariants() {
        return Stream.concat(super.invalidVariants(),
                Stream.of(Map.entry(Map.of("size", "64", "copy", "SPLICE"), "copy=SPLICE is not allowed; choose one of READ_WRITE, VMSPLICE")));
    }
}
