package dev.catena.llm;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The module's packages depend on each other without cycles, and the model sees only the compute interface. */
class PackageStructureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.catena.llm");

    @Test
    void topLevelPackagesAreFreeOfCycles() {
        slices().matching("dev.catena.llm.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void everyPackageIsFreeOfCycles() {
        slices().matching("dev.catena.llm.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void modelDependsOnTheComputeInterfaceOnly() {
        noClasses().that().resideInAPackage("dev.catena.llm.model..")
                .should().dependOnClassesThat().resideInAPackage("dev.catena.llm.compute.kernel..")
                .check(CLASSES);
    }
}
