package io.ipcbench;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The harness's main packages form layers: no two depend on each other, however indirectly, and
 * the harness holds only what several mechanisms share: a mechanism lives whole in its module
 * under jmh/, and the soak finds it there.
 */
class PackageStructureTest {
    /** What several mechanisms share, from the bottom up: the OS layer, the link SPI, the rings, traffic, the peer process, the JMH bases, the soak. */
    private static final String[] SHARED = {"io.ipcbench.os..", "io.ipcbench.link..", "io.ipcbench.ring..",
            "io.ipcbench.traffic..", "io.ipcbench.peer..", "io.ipcbench.bench..", "io.ipcbench.soak.."};

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ipcbench");

    @Test
    void packagesFormNoCycle() {
        assertTrue(MAIN.contain("io.ipcbench.link.Mechanism") && MAIN.contain("io.ipcbench.soak.SoakPlan"),
                "the harness's main classes were imported: " + MAIN.size() + " classes");
        slices().matching("io.ipcbench.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theHarnessHoldsOnlySharedPackages() {
        classes().should().resideInAnyPackage(SHARED).check(MAIN);
    }
}
