package com.tact.testsupport;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a service that a test starts in its own JVM at the {@link TestIssuer}, ahead of the local profile's
 * issuer (the CIAM simulator, which the module tests do not start). A test that signs in through a real identity
 * provider sets {@code tact.test.issuer=real} and its own {@code tact.security.oidc.*}. Only on the test classpath.
 */
public final class TestIssuerEnvironment implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if ("real".equals(environment.getProperty("tact.test.issuer"))) {
            return;
        }
        environment.getPropertySources().addFirst(new MapPropertySource("tactTestIssuer", Map.of(
                "tact.security.oidc.issuer", TestIssuer.issuer(),
                "tact.security.oidc.jwk-set-uri", TestIssuer.jwkSetUri(),
                "tact.security.oidc.audiences", TestIssuer.AUDIENCE)));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
