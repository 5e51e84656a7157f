package io.ipcbench.peer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last line of defence: JMH skips {@code @TearDown} when a benchmark method throws, so a
 * shutdown hook closes every session still open (peer and named objects) and kills any
 * descendant process still alive.
 */
final class Cleanup {
    private static final Set<AutoCloseable> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Cleanup::closeAll, "ipcbench-cleanup"));
    }

    private Cleanup() {}

    static void register(AutoCloseable session) {
        OPEN.add(session);
    }

    static void unregister(AutoCloseable session) {
        OPEN.remove(session);
    }

    /** The open sessions of one type. */
    static <T> List<T> open(Class<T> type) {
        return OPEN.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static void closeAll() {
        for (AutoCloseable session : new ArrayList<>(OPEN)) {
            try {
                session.close();
            } catch (Exception ignored) {
                // keep closing the others
            }
        }
        List<ProcessHandle> descendants = ProcessHandle.current().descendants().toList();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }
}
