package com.tact.testsupport.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RuntimeSelectionTest {

    final List<ContainerPlan> started = new ArrayList<>();
    final List<String> provisioned = new ArrayList<>();
    int dockerProbes;

    RuntimeSelection selection(boolean dockerAnswers) {
        return new RuntimeSelection(() -> {
            dockerProbes++;
            return dockerAnswers;
        }, plan -> {
            started.add(plan);
            return new ContainerStarter.Started("jdbc:postgresql://127.0.0.1:32770/tact", "tact", "tact",
                    URI.create("http://127.0.0.1:32771"));
        }, (endpoint, env) -> provisioned.add(endpoint + " " + env), ResourceNames.ofCheckout());
    }

    @Test
    void switchUnsetMeansTheHostProcessesAndStartsNothing() {
        assertThat(selection(true).variables(Map.<String, String>of()::get)).isEmpty();
        assertThat(selection(true).variables(Map.of("TACT_TEST_RUNTIME", " ")::get)).isEmpty();
        assertThat(selection(true).variables(Map.of("TACT_TEST_RUNTIME", "processes")::get)).isEmpty();
        assertThat(started).isEmpty();
        assertThat(provisioned).isEmpty();
        assertThat(dockerProbes).as("Docker is not even asked").isZero();
    }

    @Test
    void containersWithoutDockerFailNamingTheSwitchAndThatDockerIsNeeded() {
        assertThatThrownBy(() -> selection(false).variables(Map.of("TACT_TEST_RUNTIME", "containers")::get))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TACT_TEST_RUNTIME=containers needs a Docker engine, and none answers")
                .hasMessageContaining("unset TACT_TEST_RUNTIME");
        assertThat(started).as("no fallback, no start").isEmpty();
    }

    @Test
    void anUnknownRuntimeFailsNamingTheChoices() {
        assertThatThrownBy(() -> selection(true).variables(Map.of("TACT_TEST_RUNTIME", "docker")::get))
                .hasMessageStartingWith("TACT_TEST_RUNTIME=docker is not a test runtime")
                .hasMessageContaining("processes").hasMessageContaining("containers");
        assertThat(dockerProbes).isZero();
    }

    @Test
    void containersWithoutATokenArePostgresOfAurorasVersionAndMiniStack() {
        var variables = selection(true).variables(Map.of("TACT_TEST_RUNTIME", "Containers")::get);

        assertThat(started).singleElement().satisfies(plan -> {
            assertThat(plan.postgresImage()).isEqualTo("postgres:15.10");
            assertThat(plan.emulator().name()).isEqualTo("MiniStack");
            assertThat(plan.emulator().image()).isEqualTo("ministackorg/ministack:1.5.33");
            assertThat(plan.emulator().environment()).isEmpty();
        });
        assertThat(provisioned).containsExactly("http://127.0.0.1:32771 local");
        assertThat(variables.keySet()).containsExactlyInAnyOrderElementsOf(RuntimeSelection.PROVIDED);
        assertThat(variables).containsEntry("AWS_ENDPOINT_URL", "http://127.0.0.1:32771")
                .containsEntry("TACT_JDBC_URL", "jdbc:postgresql://127.0.0.1:32770/tact")
                .containsEntry("TACT_DB_USER", "tact").containsEntry("TACT_DB_PASSWORD", "tact")
                .containsEntry("TACT_ENV", "local").containsEntry("AWS_REGION", "us-east-1")
                .containsEntry("TACT_S3_PATH_STYLE", "true")
                .containsEntry("TACT_INBOUND_BUCKET", "local-inbound-files")
                .containsEntry("TACT_INBOUND_PREFIX", "incoming/")
                .containsEntry("TACT_INBOUND_DLQ", "local-inbound-files-dlq")
                .containsEntry("TACT_EVENT_BUS", "local-tact-events")
                .containsEntry("TACT_ALERT_PAYLOAD_BUCKET", "local-alerting-payloads")
                .containsEntry("TACT_OUTBOUND_CUSTODIAN_A_QUEUE", "local-outbound-custodian-a")
                .containsEntry("TACT_OUTBOUND_VENDOR_B_DLQ", "local-outbound-vendor-b-dlq");
    }

    @Test
    void aLocalStackTokenSelectsLocalStackAndNeverShowsTheToken() {
        var variables = selection(true).variables(Map.of("TACT_TEST_RUNTIME", "containers",
                "LOCALSTACK_AUTH_TOKEN", "ls-secret-123", "TACT_ENV", "t42-any")::get);

        var emulator = started.getFirst().emulator();
        assertThat(emulator.image()).isEqualTo("localstack/localstack:2026.3.0");
        assertThat(emulator.environment()).containsExactly(Map.entry("LOCALSTACK_AUTH_TOKEN", "ls-secret-123"));
        assertThat(emulator.toString()).doesNotContain("ls-secret-123").contains("LOCALSTACK_AUTH_TOKEN");
        assertThat(variables).containsEntry("TACT_ENV", "t42-any").containsEntry("TACT_INBOUND_QUEUE", "t42-any-inbound-files")
                .doesNotContainValue("ls-secret-123");
        assertThat(provisioned).containsExactly("http://127.0.0.1:32771 t42-any");
    }

    @Test
    void thePostgresImageIsAurorasEngineVersion() throws Exception {
        String tf = Files.readString(Checkout.root().resolve("terraform/modules/aurora/variables.tf"));
        var m = Pattern.compile("variable \"engine_version\" \\{[^}]*default\\s*=\\s*\"([0-9.]+)\"").matcher(tf);
        assertThat(m.find()).as("engine_version's default in terraform/modules/aurora").isTrue();
        assertThat(ContainerPlan.POSTGRES_IMAGE).isEqualTo("postgres:" + m.group(1));
    }

    @Test
    void theSdkInTheTestsJvmIsPointedAtTheContainersThroughItsSystemProperties() {
        assertThat(RuntimeSelection.sdkSystemProperties(Map.of())).isEmpty();
        var variables = selection(true).variables(Map.of("TACT_TEST_RUNTIME", "containers")::get);
        assertThat(RuntimeSelection.sdkSystemProperties(variables)).containsOnly(
                Map.entry("aws.endpointUrl", "http://127.0.0.1:32771"), Map.entry("aws.region", "us-east-1"),
                Map.entry("aws.accessKeyId", "local"), Map.entry("aws.secretAccessKey", "local"));
    }
}
