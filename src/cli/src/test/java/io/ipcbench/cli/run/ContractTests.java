package io.ipcbench.cli.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A module's contract tests as the CLI's tests can read them (the CLI does not depend on the
 * harness): the harness's compiled test classes (the test kit) and the module's, in a class loader
 * with its built benchmarks.jar (the harness and JMH inside) and JUnit, and what a jar's
 * benchmarks offer, read through JMH's own benchmark list in that loader.
 */
final class ContractTests {
    static final Path CLASSES = BuiltJars.REPOSITORY.resolve("src/harness/target/test-classes");
    private static final String CONTRACTS = "io.ipcbench.link.Contracts";

    private ContractTests() {
    }

    /** A module's compiled tests, its mechanism's contract among them. */
    static Path moduleTests(BenchmarkJar jar) {
        return BuiltJars.JMH.resolve(jar.module()).resolve("target/test-classes");
    }

    /** A loader for {@code jar}, the harness's and the module's test classes and JUnit; close it when done. */
    static URLClassLoader loader(BenchmarkJar jar) {
        assertTrue(Files.isRegularFile(CLASSES.resolve(CONTRACTS.replace('.', '/') + ".class")), "the harness's test classes are not built in "
                + CLASSES + ": build them with the CLI, mvn -pl src/cli -am verify");
        List<URL> urls = new ArrayList<>();
        try {
            urls.add(jar.jar().toUri().toURL());
            urls.add(CLASSES.toUri().toURL());
            urls.add(moduleTests(jar).toUri().toURL());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // JUnit's jars, from this module's own test class path: the contract classes refer to them
        Stream.of("org.junit.jupiter.api.Test", "org.junit.jupiter.params.ParameterizedTest", "org.opentest4j.AssertionFailedError",
                "org.junit.platform.commons.util.Preconditions", "org.apiguardian.api.API").forEach(name -> {
                    try {
                        urls.add(Class.forName(name).getProtectionDomain().getCodeSource().getLocation());
                    } catch (ClassNotFoundException e) {
                        throw new AssertionError(name + " is not on the CLI's test class path", e);
                    }
                });
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    /** Mechanism name to every params map its contract tests exercise (Contracts.exercised in the harness's tests). */
    @SuppressWarnings("unchecked")
    static Map<String, List<Map<String, String>>> exercised(URLClassLoader loader, BenchmarkJar jar) {
        assertTrue(Files.isDirectory(moduleTests(jar)), "jmh/" + jar.module() + " has no compiled tests in " + moduleTests(jar)
                + ": every two-process module tests its mechanism with a subclass of the harness's MechanismContract");
        return (Map<String, List<Map<String, String>>>) call(loader, CONTRACTS, "exercised", moduleTests(jar).toString());
    }

    /** The modules whose benchmarks start no peer process, with the reason (Contracts.IN_PROCESS). */
    @SuppressWarnings("unchecked")
    static Set<String> inProcess(URLClassLoader loader) {
        try {
            return ((Map<String, String>) loader.loadClass(CONTRACTS).getField("IN_PROCESS").get(null)).keySet();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Each benchmark of {@code jar} (JMH's name for it) to its params and the values it offers, in
     * declaration order. JMH reads every benchmark list on the loader's path, the harness's test
     * classes' own (benchmarks that test a profiler) included: only the jar's count.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, List<String>>> offered(URLClassLoader loader, BenchmarkJar jar) {
        try (JarFile classes = new JarFile(jar.jar().toFile())) {
            Class<?> verbose = loader.loadClass("org.openjdk.jmh.runner.options.VerboseMode");
            Class<?> format = loader.loadClass("org.openjdk.jmh.runner.format.OutputFormat");
            Object silent = loader.loadClass("org.openjdk.jmh.runner.format.OutputFormatFactory")
                    .getMethod("createFormatInstance", PrintStream.class, verbose)
                    .invoke(null, new PrintStream(OutputStream.nullOutputStream()), verbose.getField("SILENT").get(null));
            Class<?> list = loader.loadClass("org.openjdk.jmh.runner.BenchmarkList");
            Object benchmarks = list.getMethod("defaultList").invoke(null);
            Map<String, Map<String, List<String>>> offered = new LinkedHashMap<>();
            for (Object entry : (Set<?>) list.getMethod("getAll", format, List.class).invoke(benchmarks, silent, List.of())) {
                String type = (String) entry.getClass().getMethod("getUserClassQName").invoke(entry);
                if (classes.getEntry(type.replace('.', '/') + ".class") == null) {
                    continue;
                }
                Object params = entry.getClass().getMethod("getParams").invoke(entry);
                Map<String, String[]> declared = (Map<String, String[]>) params.getClass().getMethod("orElse", Object.class).invoke(params, Map.of());
                Map<String, List<String>> values = new LinkedHashMap<>();
                declared.forEach((name, choices) -> values.put(name, List.of(choices)));
                offered.put((String) entry.getClass().getMethod("getUsername").invoke(entry), values);
            }
            return offered;
        } catch (InvocationTargetException e) {
            throw new AssertionError(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object call(URLClassLoader loader, String type, String method, String argument) {
        try {
            return loader.loadClass(type).getMethod(method, String.class).invoke(null, argument);
        } catch (InvocationTargetException e) {
            throw new AssertionError(type + "." + method + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
