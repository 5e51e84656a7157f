package io.ipcbench.bench;

import org.openjdk.jmh.annotations.Param;

import java.util.Arrays;
import java.util.stream.Stream;

/** The producer counts a fan-in benchmark offers ({@link FanInBenchmark}'s {@code producers} list): each a fan-in's tests must run. */
public final class FanInCounts {
    private FanInCounts() {}

    public static Stream<String> offered() {
        try {
            return Arrays.stream(FanInBenchmark.class.getField("producers").getAnnotation(Param.class).value());
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("FanInBenchmark has no producers param", e);
        }
    }
}
