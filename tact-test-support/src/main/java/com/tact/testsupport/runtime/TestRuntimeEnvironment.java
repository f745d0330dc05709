package com.tact.testsupport.runtime;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Gives a service started in the tests' JVM the container runtime's variables, just above the process environment,
 * as if ./tact's env file had been exported: the yml placeholders (${TACT_JDBC_URL}, ${TACT_ENV}, ...) resolve to
 * the containers. Nothing for processes. Only on the test classpath.
 */
public final class TestRuntimeEnvironment implements EnvironmentPostProcessor, Ordered {

    /** Ends in -systemEnvironment so that Spring Boot binds it with the environment's relaxed names. */
    static final String NAME = "tactTestRuntime-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        add(environment.getPropertySources(), TestRuntime.variables());
    }

    static void add(MutablePropertySources sources, Map<String, String> variables) {
        if (variables.isEmpty()) {
            return;
        }
        var source = new SystemEnvironmentPropertySource(NAME, new HashMap<String, Object>(variables));
        if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
            sources.addBefore(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
        } else {
            sources.addLast(source);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;   // before any other post-processor reads the environment
    }
}
