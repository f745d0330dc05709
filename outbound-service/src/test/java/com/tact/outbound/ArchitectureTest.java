package com.tact.outbound;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

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

    /**
     * One-way seams: each feature (with its internal, http and aws adapters) depends only on the features below it.
     * The operator API (web) sits on top; configuration is a leaf every feature reads.
     */
    @ArchTest
    static final ArchRule featuresDependOnlyDownwards = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("web").definedBy("com.tact.outbound.web..")
            .layer("dispatch").definedBy("com.tact.outbound.dispatch..")
            .layer("partner").definedBy("com.tact.outbound.partner..")
            .layer("ledger").definedBy("com.tact.outbound.ledger..")
            .layer("publishing").definedBy("com.tact.outbound.publishing..")
            .layer("config").definedBy("com.tact.outbound.config..")
            .whereLayer("web").mayNotBeAccessedByAnyLayer()
            .whereLayer("dispatch").mayOnlyBeAccessedByLayers("web")
            .whereLayer("partner").mayOnlyBeAccessedByLayers("dispatch", "web")
            .whereLayer("ledger").mayOnlyBeAccessedByLayers("dispatch", "web")
            .whereLayer("publishing").mayOnlyBeAccessedByLayers("ledger", "partner", "dispatch", "web")
            .whereLayer("config").mayOnlyBeAccessedByLayers("publishing", "ledger", "partner", "dispatch", "web");
}
