package com.tact.shared.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's own authorization rules, applied before the suite's defaults (reads {@code GET /api/**} need a
 * viewer, every other {@code /api/**} call an operator). A service declares what needs more, e.g. an admin for
 * partner endpoints: {@code rules -> rules.requestMatchers(PUT, "/api/partners/*\/endpoints").hasRole("ADMIN")}.
 */
@FunctionalInterface
public interface ApiAuthorizationRules {

    void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);
}
