package com.tact.ciam.sim;

import com.tact.ciam.tokens.SigningKeys;
import java.time.InstantSource;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtEncoder;

@Configuration(proxyBeanMethods = false)
class SimConfiguration {

    @Bean
    Script script(InstantSource clock) {
        return new Script(clock);
    }

    /** Ahead of Spring Security's filters: a scripted outage answers before any authentication happens. */
    @Bean
    FilterRegistrationBean<ScriptedIdpFilter> scriptedIdpFilter(Script script) {
        FilterRegistrationBean<ScriptedIdpFilter> registration = new FilterRegistrationBean<>(new ScriptedIdpFilter(script));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }

    /** Spring Authorization Server signs every token with this encoder (it prefers a JwtEncoder bean). */
    @Bean
    JwtEncoder jwtEncoder(SigningKeys keys) {
        return new ScriptedJwtEncoder(keys.published(), keys.unpublished());
    }
}
