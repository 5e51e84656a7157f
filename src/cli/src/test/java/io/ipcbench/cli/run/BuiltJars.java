package io.ipcbench.cli.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The repository's real benchmark jars, built by the reactor before this module's tests (they are
 * its dependencies), and their param check called in this JVM, each jar in a class loader of its own.
 */
final class BuiltJars {
    static final Path REPOSITORY = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();
    static final Path JMH = REPOSITORY.resolve("jmh");

    private BuiltJars() {
    }

    /** Every module, each with its benchmarks.jar, which must exist: a missing one fails the test, it does not skip it. */
    static List<BenchmarkJar> all() {
        List<String> modules = ModuleJars.modules(JMH);
        assertFalse(modules.isEmpty(), "no modules under " + JMH);
        List<BenchmarkJar> jars = ModuleJars.select(JMH, java.util.Optional.empty());
        assertTrue(jars.size() == modules.size(), "every module is built: " + jars + " of " + modules);
        return jars;
    }

    /** A loader for one jar; close it when done. */
    static URLClassLoader loader(BenchmarkJar jar) {
        try {
            return new URLClassLoader(new java.net.URL[] {jar.jar().toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The check's answer: the params the selected benchmarks declare; or its refusal, an
     * {@link IllegalArgumentException} or {@link IllegalStateException} thrown as is.
     */
    @SuppressWarnings("unchecked")
    static Set<String> check(URLClassLoader loader, String... jmhArgs) {
        try {
            Method check = loader.loadClass(ParamCheckRunner.MAIN_CLASS).getMethod("check", String[].class);
            return (Set<String>) check.invoke(null, (Object) jmhArgs);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException refusal) {
                throw refusal;
            }
            throw new AssertionError(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
