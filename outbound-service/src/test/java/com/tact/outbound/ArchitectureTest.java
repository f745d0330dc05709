package com.tact.outbound;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "com.tact.outbound", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule onlyAwsPackagesUseTheAwsSdk = noClasses()
            .that().resideOutsideOfPackage("..aws..")
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk..", "io.awspring.cloud..")
            .because("STYLE.md: only aws packages import the AWS SDK or Spring Cloud AWS");

    @ArchTest
    static final ArchRule internalsStayInsideTheirFeature = noClasses()
            .that().resideOutsideOfPackages("com.tact.outbound.dispatch..")
            .should().dependOnClassesThat().resideInAPackage("com.tact.outbound.dispatch.internal..")
            .allowEmptyShould(true);
}
