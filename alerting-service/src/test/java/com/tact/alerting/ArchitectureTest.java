package com.tact.alerting;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.tact.alerting");

    @Test
    void onlyAwsPackagesUseTheAwsSdkOrSpringCloudAws() {
        noClasses().that().resideOutsideOfPackage("..aws..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "io.awspring..", "com.amazon..")
                .because("adapters named for their technology live in aws packages (STYLE.md)")
                .check(MAIN);
    }

    @Test
    void featureCodeReadsConfigurationThroughPropertiesRecords() {
        noFields().should().beAnnotatedWith("org.springframework.beans.factory.annotation.Value").check(MAIN);
        noClasses().should().dependOnClassesThat()
                .haveFullyQualifiedName("org.springframework.beans.factory.annotation.Value").check(MAIN);
    }

    @Test
    void webAdaptersAreNotUsedByTheDomain() {
        noClasses().that().resideInAnyPackage("com.tact.alerting.alert", "com.tact.alerting.alert.internal",
                        "com.tact.alerting.silence", "com.tact.alerting.events")
                .should().dependOnClassesThat().resideInAnyPackage("..web..", "..aws..")
                .check(MAIN);
    }
}
