package com.tact.console.config;

import com.tact.shared.security.TactRoles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/**
 * Roles per endpoint as method security ({@code @PreAuthorize} on the controllers), whichever way the caller signed
 * in (a bearer token or the console's session): viewer reads, operator acts, admin changes where data goes or
 * destroys it. The hierarchy (an admin may do all an operator may, an operator all a viewer may) is tact-shared's.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
public class SecurityConfiguration {

    /** The suite's hierarchy, static so that method security has it before anything else is built. */
    @Bean
    static RoleHierarchy roleHierarchy() {
        return TactRoles.hierarchy();
    }
}
