package org.kaspa.aio.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape the README's Layout section draws, checked on the compiled main classes: front ends (ui,
 * cli) → application layer (app) → core. JavaFX lives only in ui; the front ends never reach the engine
 * or the provisioner themselves; no two packages depend on each other.
 */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("org.kaspa.aio");

    @Test
    void javafxOnlyInTheUi() {
        noClasses().that().resideOutsideOfPackage("org.kaspa.aio.ui..")
                .and().doNotHaveFullyQualifiedName("org.kaspa.aio.Launcher")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .because("the core and the CLI run headless; only the wizard is JavaFX")
                .check(MAIN);
    }

    @Test
    void frontEndsGoThroughTheApplicationLayer() {
        noClasses().that().resideInAnyPackage("org.kaspa.aio.ui..", "org.kaspa.aio.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("org.kaspa.aio.engine..", "org.kaspa.aio.provision..")
                .because("every use case is offered once, by org.kaspa.aio.app")
                .check(MAIN);
    }

    @Test
    void theCoreKnowsNoFrontEnd() {
        noClasses().that().resideOutsideOfPackages("org.kaspa.aio.ui..", "org.kaspa.aio.cli..")
                .and().doNotHaveFullyQualifiedName("org.kaspa.aio.Launcher")
                .should().dependOnClassesThat().resideInAnyPackage("org.kaspa.aio.ui..", "org.kaspa.aio.cli..")
                .check(MAIN);
        noClasses().that().resideOutsideOfPackages("org.kaspa.aio.app..", "org.kaspa.aio.ui..", "org.kaspa.aio.cli..")
                .and().doNotHaveFullyQualifiedName("org.kaspa.aio.Launcher")
                .should().dependOnClassesThat().resideInAnyPackage("org.kaspa.aio.app..")
                .because("the application layer sits on the core, never under it")
                .check(MAIN);
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.kaspa.aio.(*)..").should().beFreeOfCycles().check(MAIN);
    }
}
