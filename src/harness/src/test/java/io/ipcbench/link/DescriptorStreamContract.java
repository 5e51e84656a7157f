package io.ipcbench.link;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.Stream;

/**
 * The contract of a byte stream between two descriptors (pipes, FIFOs), with both ways of
 * waiting, and the framing check every stream needs: messages written back to back arrive whole
 * and in order, however the kernel splits or joins them.
 */
public abstract class DescriptorStreamContract extends MechanismContract {
    /** Blocking: a stopped peer leaves the benchmark asleep in read(2), which only the watchdog can end. */
    @Override
    protected Map<String, String> crashVariant() {
        return Map.of("wait", "BLOCKING");
    }

    /** Busy polling, which sees the end of file as blocking does, but between tries. */
    @Override
    protected Stream<Map<String, String>> otherWaitVariants() {
        return Stream.of(Map.of("wait", "BUSY_POLL"));
    }

    @Override
    protected Stream<Map.Entry<Map<String, String>, String>> invalidVariants() {
        return Stream.concat(invalidSizes(Map.of()),
                Stream.of(Map.entry(Map.of("size", "64", "pinning", "diagonal"), "choose one of CROSS_CORE, SAME_CORE, NONE"),
                        Map.entry(Map.of("size", "64", "wait", "SOMETIMES"), "choose one of BLOCKING, BUSY_POLL")));
    }

    @Test
    void messagesWrittenBackToBackArriveWholeAndInOrder() {
        echoVariants().forEach(wait -> StreamFraming.messagesWrittenBackToBackArriveWholeAndInOrder(mechanism(), params(wait, 1000)));
    }
}
