package io.ipcbench.pipe;

import io.ipcbench.link.MechanismContract;
import io.ipcbench.link.Mechanism;

import java.util.Map;
import java.util.stream.Stream;

class PipeTest extends MechanismContract {
    @Override
    protected Mechanism mechanism() {
        return new Pipe();
    }

    @Override
    protected Stream<Map<String, String>> echoVariants() {
        return Stream.of(Map.of("wait", "BLOCKING"), Map.of("wait", "BUSY_POLL"));
    }

    @Override
    protected Stream<Map<String, String>> streamVariants() {
        return echoVariants();
    }

    /** Blocking: a stopped peer leaves the benchmark asleep in read(2), which only the watchdog can end. */
    @Override
    protected Map<String, String> crashVariant() {
        return Map.of("wait", "BLOCKING");
    }

    @Override
    protected Stream<Map.Entry<Map<String, String>, String>> invalidVariants() {
        return Stream.concat(invalidSizes(Map.of()),
                Stream.of(Map.entry(Map.of("size", "64", "pinning", "diagonal"), "choose one of CROSS_CORE, SAME_CORE, NONE"),
                        Map.entry(Map.of("size", "64", "wait", "SOMETIMES"), "choose one of BLOCKING, BUSY_POLL")));
    }
}
