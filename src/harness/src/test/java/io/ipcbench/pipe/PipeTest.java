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
        return Stream.of(Map.of());
    }

    @Override
    protected Stream<Map<String, String>> streamVariants() {
        return Stream.of(Map.of());
    }

    @Override
    protected Map<String, String> crashVariant() {
        return Map.of();
    }

    @Override
    protected Stream<Map.Entry<Map<String, String>, String>> invalidVariants() {
        return Stream.concat(invalidSizes(Map.of()),
                Stream.of(Map.entry(Map.of("size", "64", "pinning", "diagonal"), "choose one of CROSS_CORE, SAME_CORE, NONE")));
    }
}
