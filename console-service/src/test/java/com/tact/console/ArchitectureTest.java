package com.tact.console;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.tact.console");

    @Test
    void onlyAwsPackagesUseTheAwsSdkOrSpringCloudAws() {
        noClasses().that().resideOutsideOfPackage("..aws..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "io.awspring..")
                .because("adapters named for their technology live in aws packages (STYLE.md)")
                .check(MAIN);
    }

    @Test
    void featuresDoNotUseTheWebOrAwsAdapters() {
        noClasses().that().resideInAnyPackage("com.tact.console.objects", "com.tact.console.queues",
                        "com.tact.console.queues.internal")
                .should().dependOnClassesThat().resideInAnyPackage("..web..", "..aws..")
                .check(MAIN);
    }

    @Test
    void noValueInjection() {
        noClasses().should().dependOnClassesThat()
                .haveFullyQualifiedName("org.springframework.beans.factory.annotation.Value").check(MAIN);
    }
}
