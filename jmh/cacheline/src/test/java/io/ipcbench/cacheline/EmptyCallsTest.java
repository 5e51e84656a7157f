package io.ipcbench.cacheline;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The system-call floor's two calls answer what they are: this process's parent, and the page size. */
class EmptyCallsTest {
    @Test
    void getppidIsTheParentsPid() {
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        assertEquals(parent, EmptyCalls.getppid());
    }

    @Test
    void getpagesizeIsThePageSizeOfTheMappings() throws java.io.IOException {
        // KernelPageSize of the first mapping in /proc/self/smaps, in kB
        String kernelPageSize = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/smaps")).stream()
                .filter(l -> l.startsWith("KernelPageSize:")).findFirst().orElseThrow();
        long kb = Long.parseLong(kernelPageSize.replaceAll("\\D", ""));
        assertEquals(kb * 1024, EmptyCalls.getpagesize());
    }
}
