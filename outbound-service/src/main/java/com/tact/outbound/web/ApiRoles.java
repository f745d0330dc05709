package com.tact.outbound.web;

import com.tact.shared.security.ApiAuthorizationRules;
import com.tact.shared.security.TactRoles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * What outbound-service's API needs beyond the suite's defaults (reads a viewer, actions an operator): changing where
 * a partner's data goes (its endpoints and weights) needs an admin, since an endpoint receives the partner's token.
 */
@Configuration(proxyBeanMethods = false)
class ApiRoles {

    @Bean
    ApiAuthorizationRules adminChangesPartnerEndpoints() {
        return rules -> rules.requestMatchers(HttpMethod.PUT, "/api/partners/*/endpoints").hasRole(TactRoles.ADMIN.name());
    }
}
