package io.ipcbench.cli.run;

import io.ipcbench.soak.SoakMain;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * A repository root in a temp folder: profiles/ and jmh/<module>/target/benchmarks.jar running
 * {@link FakeBenchmarks}, with a stand-in for the param check, and holding the fake {@link SoakMain}.
 */
record FakeRepo(Path root) {

    FakeRepo profile(String name, String contents) throws IOException {
        Files.createDirectories(root.resolve("profiles"));
        Files.writeString(root.resolve("profiles").resolve(name + ".properties"), contents);
        return this;
    }

    /** A module folder with a pom.xml but no jar, as before its first build. */
    FakeRepo unbuiltModule(String module) throws IOException {
        Files.createDirectories(root.resolve("jmh").resolve(module));
        Files.writeString(root.resolve("jmh").resolve(module).resolve("pom.xml"), "<project/>");
        return this;
    }

    /** @param benchmarkList the META-INF/BenchmarkList contents, null for none */
    FakeRepo module(String module, String benchmarkList) throws IOException {
        unbuiltModule(module);
        Path jar = root.resolve("jmh").resolve(module).resolve("target").resolve("benchmarks.jar");
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeBenchmarks.class.getName());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Class<?> main : List.of(FakeBenchmarks.class, io.ipcbench.bench.ParamCheck.class, SoakMain.class)) {
                String classFile = main.getName().replace('.', '/') + ".class";
                try (InputStream bytes = main.getClassLoader().getResourceAsStream(classFile)) {
                    add(out, classFile, bytes.readAllBytes());
                }
            }
            add(out, "META-INF/maven/org.openjdk.jmh/jmh-core/pom.properties", "version=1.37\n".getBytes());
            if (benchmarkList != null) {
                add(out, "META-INF/BenchmarkList", benchmarkList.getBytes());
            }
        }
        return this;
    }

    /** Runs the profile "test" of this repository with the given options; returns the exit status. */
    int run(PrintStream console, String... options) {
        List<String> args = new ArrayList<>(List.of("--root=" + root, "--profile=test"));
        args.addAll(List.of(options));
        return new RunCommand(RunOptions.parse(args), console).call();
    }

    /** The run folders made so far under the default results folder. */
    List<Path> runDirs() throws IOException {
        try (Stream<Path> runs = Files.list(root.resolve("results").resolve(RunEnvironment.readKernelRelease()))) {
            return runs.toList();
        }
    }

    private static void add(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }
}
