package com.tact.inbound.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package rules of STYLE.md, checked on every build. */
class ArchitectureTest {

    private final com.tngtech.archunit.core.domain.JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.tact.inbound");

    @Test
    void onlyAwsAdaptersTalkToAws() {
        noClasses().that().resideOutsideOfPackage("..aws..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk..", "io.awspring.cloud..")
                .check(classes);
    }

    @Test
    void internalsAreReachedOnlyThroughTheFeatureApi() {
        noClasses().that().resideOutsideOfPackage("com.tact.inbound.ingestion..")
                .should().dependOnClassesThat().resideInAPackage("com.tact.inbound.ingestion.internal..")
                .check(classes);
        noClasses().that().resideOutsideOfPackage("com.tact.inbound.ingestion..")
                .should().dependOnClassesThat().resideInAPackage("com.tact.inbound.ingestion.aws..")
                .check(classes);
    }

    @Test
    void theFeatureApiDoesNotDependOnWebOrAdapters() {
        classes().that().resideInAPackage("com.tact.inbound.ingestion")
                .should().onlyDependOnClassesThat().resideOutsideOfPackages("com.tact.inbound.web..", "com.tact.inbound.ingestion.aws..",
                        "com.tact.inbound.ingestion.internal..")
                .check(classes);
    }

    @Test
    void theCopybookDecoderIsPlainJava() {
        classes().that().resideInAPackage("com.tact.inbound.copybook..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("com.tact.inbound.copybook..", "java..")
                .check(classes);
    }
}
