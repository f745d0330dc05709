package com.tact.shared.security;

import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestOperations;
import org.springframework.web.client.RestTemplate;

/**
 * Every service is an OAuth2 resource server: a JWT access token of the configured issuer, for the configured
 * audience, whose role claim names a suite role ({@link TactRoles}). Only health and info are open (load
 * balancers and orchestrators probe them). Reads of {@code /api/**} need a viewer, everything else under
 * {@code /api/**} an operator, unless a service's {@link ApiAuthorizationRules} ask for more; the rest of the
 * Actuator an admin, except metrics (a viewer). Stateless: no session, so no CSRF token to forge.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(OidcSecurityProperties.class)
public class TactSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    RoleHierarchy roleHierarchy() {
        return TactRoles.hierarchy();
    }

    @Bean
    @ConditionalOnMissingBean
    RolesClaimConverter rolesClaimConverter(OidcSecurityProperties properties, RoleHierarchy hierarchy) {
        return new RolesClaimConverter(properties.rolesClaim(), hierarchy);
    }

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(OidcSecurityProperties properties) {
        var requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(properties.jwksTimeout());
        requests.setReadTimeout(properties.jwksTimeout());
        RestOperations http = new RestTemplate(requests);
        String issuer = properties.issuer().toString();
        OAuth2TokenValidator<Jwt> validator = validator(issuer, properties.audiences());
        if (properties.jwkSetLocation().isPresent()) {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetLocation().get())
                    .restOperations(http).build();
            decoder.setJwtValidator(validator);
            return decoder;
        }
        return unavailableAsJwtException(new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(issuer).restOperations(http).build();
            decoder.setJwtValidator(validator);
            return decoder;
        }));
    }

    static OAuth2TokenValidator<Jwt> validator(String issuer, List<String> audiences) {
        var validators = new ArrayList<OAuth2TokenValidator<Jwt>>();
        validators.add(JwtValidators.createDefaultWithIssuer(issuer));
        if (!audiences.isEmpty()) {
            validators.add(jwt -> {
                List<String> aud = jwt.getAudience();
                return aud != null && aud.stream().anyMatch(audiences::contains)
                        ? OAuth2TokenValidatorResult.success()
                        : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                                "the token is not meant for this API (aud must name one of " + audiences + ")", null));
            });
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    /** Discovery that fails (the issuer down) is an unavailable identity provider: 503, not a 500. */
    private static JwtDecoder unavailableAsJwtException(JwtDecoder decoder) {
        return token -> {
            try {
                return decoder.decode(token);
            } catch (JwtException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new JwtException("the identity provider's configuration is unavailable: " + e.getMessage(), e);
            }
        };
    }

    @Bean
    @Order(100)
    @ConditionalOnMissingBean(name = "tactApiSecurity")
    SecurityFilterChain tactApiSecurity(HttpSecurity http, RolesClaimConverter roles,
                                        ObjectProvider<ApiAuthorizationRules> serviceRules) throws Exception {
        resourceServer(http, roles);
        http.authorizeHttpRequests(auth -> {
            auth.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                    .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll();
            serviceRules.orderedStream().forEach(rules -> rules.apply(auth));
            auth.requestMatchers("/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/**")
                    .hasRole(TactRoles.VIEWER.name())
                    .requestMatchers("/actuator/**").hasRole(TactRoles.ADMIN.name())
                    .requestMatchers(HttpMethod.GET, "/api/**").hasRole(TactRoles.VIEWER.name())
                    .requestMatchers(HttpMethod.HEAD, "/api/**").hasRole(TactRoles.VIEWER.name())
                    .requestMatchers("/api/**").hasRole(TactRoles.OPERATOR.name())
                    .anyRequest().hasRole(TactRoles.VIEWER.name());
        });
        return http.build();
    }

    /**
     * The stateless bearer-token part of a filter chain, for the services' chain above and for an application that
     * builds its own chains (the console): JWT with the suite's roles, problem+json 401/403/503, no session.
     */
    public static HttpSecurity resourceServer(HttpSecurity http, RolesClaimConverter roles) throws Exception {
        AuthenticationEntryPoint unauthorized = SecurityProblems.unauthorized();
        return http
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(roles))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(SecurityProblems.forbidden())
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(SecurityProblems.failure(unauthorized));
                                return filter;
                            }
                        }))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(SecurityProblems.forbidden()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .headers(Customizer.withDefaults());
    }
}
