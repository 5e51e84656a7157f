package io.ipcbench.uds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A process's open descriptors, read from /proc/PID/fd: how many, and how many are memfds (what a leak of passed messages would grow). */
final class OpenDescriptors {
    private OpenDescriptors() {}

    static int count(long pid) {
        return targets(pid).size();
    }

    /** Open memfds of any name: "/memfd:NAME (deleted)" links. */
    static int memfds(long pid) {
        return (int) targets(pid).stream().filter(target -> target.startsWith("/memfd:")).count();
    }

    private static List<String> targets(long pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.map(OpenDescriptors::target).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the descriptors of process " + pid, e);
        }
    }

    /** Where a descriptor points; "" for one closed since the listing. */
    private static String target(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (NoSuchFileException closed) {
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + fd, e);
        }
    }
}
