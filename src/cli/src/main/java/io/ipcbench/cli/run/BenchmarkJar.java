package io.ipcbench.cli.run;

import io.ipcbench.cli.usage.CliException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/** One module's JMH uber-jar, {@code jmh/<module>/target/benchmarks.jar}. */
record BenchmarkJar(String module, Path jar) {

    private static final String BENCHMARK_LIST = "META-INF/BenchmarkList";
    private static final String JMH_POM = "META-INF/maven/org.openjdk.jmh/jmh-core/pom.properties";

    /**
     * JMH finds benchmarks only through the list its annotation processor writes. On JDK 25 the
     * processor does not run unless the build asks for it, and the jar then fails only at run time,
     * after the other modules have spent their minutes: check up front.
     */
    void requireBenchmarkList() {
        try (JarFile jarFile = new JarFile(jar.toFile());
             InputStream list = open(jarFile, BENCHMARK_LIST)) {
            if (list == null || list.readAllBytes().length == 0) {
                throw new CliException(jar + " has no benchmarks (" + BENCHMARK_LIST + " is missing or empty): JMH's "
                        + "annotation processor did not run. Configure jmh-generator-annprocess in the compiler's "
                        + "annotationProcessorPaths of jmh/" + module + "/pom.xml and rebuild it");
            }
        } catch (IOException e) {
            throw new CliException("cannot read " + jar + " (" + e + "); rebuild it with mvn -pl jmh/" + module + " package");
        }
    }

    /** The JMH version bundled in the jar, or "unknown" when the jar does not say. */
    String jmhVersion() {
        try (JarFile jarFile = new JarFile(jar.toFile());
             InputStream pom = open(jarFile, JMH_POM)) {
            if (pom == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(pom);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static InputStream open(JarFile jarFile, String name) throws IOException {
        ZipEntry entry = jarFile.getEntry(name);
        return entry == null ? null : jarFile.getInputStream(entry);
    }
}
