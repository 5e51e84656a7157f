package io.ipcbench.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The CLI's packages, one per job, depend on each other in one direction only, so that each can be
 * read and changed knowing the packages below it alone. The dispatch, io.ipcbench.cli itself, is
 * no slice of the first rule: the second keeps every package below it.
 */
class PackageStructureTest {
    private static final JavaClasses CLI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ipcbench.cli");

    @Test
    void thePackagesFormNoCycle() {
        slices().matching("io.ipcbench.cli.(*)..").should().beFreeOfCycles().check(CLI);
    }

    @Test
    void noPackageDependsOnTheDispatch() {
        noClasses().that().resideInAPackage("io.ipcbench.cli..").and().resideOutsideOfPackage("io.ipcbench.cli")
                .should().dependOnClassesThat().resideInAPackage("io.ipcbench.cli").check(CLI);
    }
}
