package io.ipcbench.bench;

import org.openjdk.jmh.annotations.Param;

import java.util.Arrays;
import java.util.stream.Stream;

/** The client counts a request/response benchmark offers ({@link ServerBenchmark}'s {@code clients} list): each a server's tests must run. */
public final class ServerCounts {
    private ServerCounts() {}

    public static Stream<String> offered() {
        try {
            return Arrays.stream(ServerBenchmark.class.getField("clients").getAnnotation(Param.class).value());
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("ServerBenchmark has no clients param", e);
        }
    }
}
