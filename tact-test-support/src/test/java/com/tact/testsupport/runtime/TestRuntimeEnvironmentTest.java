package com.tact.testsupport.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class TestRuntimeEnvironmentTest {

    /** An environment whose "process environment" still holds the host processes' values. */
    static StandardEnvironment environment() {
        var environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new MapPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("TACT_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/host", "PATH", "/usr/bin")));
        return environment;
    }

    @Test
    void theContainersVariablesWinOverTheProcessEnvironment() {
        var environment = environment();
        TestRuntimeEnvironment.add(environment.getPropertySources(), Map.of("TACT_JDBC_URL", "jdbc:postgresql://c/tact"));

        assertThat(environment.resolvePlaceholders("${TACT_JDBC_URL}")).isEqualTo("jdbc:postgresql://c/tact");
        assertThat(environment.getProperty("PATH")).isEqualTo("/usr/bin");
        assertThat(environment.getPropertySources().precedenceOf(environment.getPropertySources().get(TestRuntimeEnvironment.NAME)))
                .isEqualTo(environment.getPropertySources().precedenceOf(
                        environment.getPropertySources().get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) - 1);
    }

    @Test
    void processesAddNothing() {
        var environment = environment();
        int before = environment.getPropertySources().size();
        TestRuntimeEnvironment.add(environment.getPropertySources(), Map.of());

        assertThat(environment.getPropertySources().size()).isEqualTo(before);
        assertThat(environment.resolvePlaceholders("${TACT_JDBC_URL}")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/host");
    }
}
