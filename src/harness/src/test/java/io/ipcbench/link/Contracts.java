package io.ipcbench.link;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The fault-contract subclasses among a module's test classes, one instance each, and the params
 * each mechanism's contract tests exercise. Read by the CLI's check that every value a benchmark
 * offers is tested, through a class loader over a built benchmarks.jar, these classes and the
 * module's test classes: what it returns is plain strings, maps and lists.
 */
public final class Contracts {
    /** Modules under jmh/ whose benchmarks start no peer process, so no soak and no fault matrix apply, and why. */
    public static final Map<String, String> IN_PROCESS = Map.of("cacheline",
            "the in-process floors and cache-line lessons: both ends are threads of the benchmark JVM");

    private Contracts() {}

    /** An instance of every concrete subclass of {@link PeerFaultContract} among the classes under {@code testClasses}. */
    public static List<PeerFaultContract> all(Path testClasses) {
        return instances(testClasses, PeerFaultContract.class);
    }

    /**
     * Mechanism name to every params map its tests carry traffic with (or see refused), as key=value
     * strings: the fault contracts' and those of every other {@link Exercised} test class.
     */
    public static Map<String, List<Map<String, String>>> exercised(String testClasses) {
        return instances(Path.of(testClasses), Exercised.class).stream().flatMap(Exercised::exercised)
                .collect(Collectors.groupingBy(Params::mechanism, TreeMap::new,
                        Collectors.mapping(params -> Params.parseArgs(params.toArgs()), Collectors.toList())));
    }

    private static <T> List<T> instances(Path testClasses, Class<T> kind) {
        Path root = directory(testClasses);
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(root::relativize).map(Path::toString)
                    .filter(file -> file.endsWith(".class") && !file.contains("$"))
                    .map(file -> file.substring(0, file.length() - ".class".length()).replace('/', '.'))
                    .map(Contracts::load)
                    .filter(type -> kind.isAssignableFrom(type) && !type.isInterface() && !Modifier.isAbstract(type.getModifiers()))
                    .map(type -> kind.cast(instance(type)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path directory(Path testClasses) {
        if (!Files.isDirectory(testClasses)) {
            throw new IllegalStateException(testClasses + " is not a directory of compiled test classes");
        }
        return testClasses;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, PeerFaultContract.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cannot load " + name + " from the test classes", e);
        }
    }

    private static Object instance(Class<?> type) {
        try {
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make an instance of " + type.getName() + ": " + e, e);
        }
    }
}
