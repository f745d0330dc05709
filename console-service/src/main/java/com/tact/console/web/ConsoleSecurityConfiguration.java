package com.tact.console.web;

import com.tact.shared.security.RolesClaimConverter;
import com.tact.shared.security.SecurityProblems;
import com.tact.shared.security.TactRoles;
import com.tact.shared.security.TactSecurityAutoConfiguration;
import jakarta.servlet.http.HttpServletRequest;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Two ways in. Machine callers send a bearer token (as to every service): stateless, no CSRF. People sign in with
 * the browser: OpenID Connect authorization code with PKCE at the identity provider, then a session cookie of the
 * console's own (its name differs from the identity provider's: cookies ignore ports), CSRF tokens on every change
 * (the page sends the XSRF-TOKEN cookie back as a header), roles from the ID token's role claim. The access token
 * stays on the server: the pages call the services through the console, which adds it.
 */
@Configuration
@EnableConfigurationProperties(ConsoleUiProperties.class)
class ConsoleSecurityConfiguration {

    static final String REGISTRATION = "ciam";
    private static final java.util.Set<String> SAFE_METHODS = java.util.Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final String LOGIN = "/oauth2/authorization/" + REGISTRATION;

    @Bean
    ClientRegistrationRepository clientRegistrations(ConsoleUiProperties properties) {
        var oidc = properties.oidc();
        // endpoints given, not discovered: the console starts while the identity provider is still starting
        return new InMemoryClientRegistrationRepository(ClientRegistration.withRegistrationId(REGISTRATION)
                .clientId(oidc.clientId())
                .clientSecret(oidc.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid", "profile")
                .issuerUri(oidc.issuer().toString())
                .authorizationUri(oidc.endpoint("/oauth2/authorize"))
                .tokenUri(oidc.endpoint("/oauth2/token"))
                .jwkSetUri(oidc.endpoint("/oauth2/jwks"))
                .userInfoUri(oidc.endpoint("/userinfo"))
                .userNameAttributeName(oidc.userNameAttribute())
                .providerConfigurationMetadata(java.util.Map.of("end_session_endpoint", oidc.endpoint("/connect/logout")))
                .build());
    }

    /** Hands out the signed-in person's access token, refreshing it when it has expired. */
    @Bean
    OAuth2AuthorizedClientManager authorizedClients(ClientRegistrationRepository registrations,
                                                    OAuth2AuthorizedClientRepository repository) {
        var manager = new DefaultOAuth2AuthorizedClientManager(registrations, repository);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode().refreshToken().build());
        return manager;
    }

    @Bean
    @Order(1)
    SecurityFilterChain consoleBearerApi(HttpSecurity http, RolesClaimConverter roles) throws Exception {
        http.securityMatcher(ConsoleSecurityConfiguration::hasBearerToken);
        TactSecurityAutoConfiguration.resourceServer(http, roles);
        http.authorizeHttpRequests(auth -> apiRules(auth).anyRequest().hasRole(TactRoles.VIEWER.name()));
        return http.build();
    }

    /** Named as the suite's default chain, which it replaces in the console. */
    @Bean(name = "tactApiSecurity")
    @Order(2)
    SecurityFilterChain consoleBrowser(HttpSecurity http, ClientRegistrationRepository registrations,
                                       RolesClaimConverter roles) throws Exception {
        var resolver = new DefaultOAuth2AuthorizationRequestResolver(registrations, "/oauth2/authorization");
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        var logout = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        logout.setPostLogoutRedirectUri("{baseUrl}/");
        // machine endpoints answer 401 to a caller without a session; only pages send the browser to sign in
        RequestMatcher apiCalls = request -> Stream.of("/api/", "/svc/", "/actuator", "/v3/api-docs", "/swagger-ui")
                .anyMatch(request.getRequestURI()::startsWith);
        http.oauth2Login(login -> login
                        .loginPage(LOGIN)
                        .authorizationEndpoint(a -> a.authorizationRequestResolver(resolver))
                        .userInfoEndpoint(u -> u.oidcUserService(oidcUsers(roles))))
                .logout(l -> l.logoutSuccessHandler(logout))
                // a change needs the CSRF token when it comes with a session: without one there is nothing to
                // forge, and the caller gets 401 rather than a CSRF refusal
                .csrf(csrf -> csrf.spa().requireCsrfProtectionMatcher(request ->
                        !SAFE_METHODS.contains(request.getMethod()) && request.getSession(false) != null))
                .exceptionHandling(ex -> ex
                        .defaultAuthenticationEntryPointFor((request, response, e) -> SecurityProblems.write(response,
                                HttpStatus.UNAUTHORIZED, "sign in first: " + LOGIN), apiCalls)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(LOGIN), AnyRequestMatcher.INSTANCE)
                        .accessDeniedHandler(SecurityProblems.forbidden()))
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/error").permitAll();
                    apiRules(auth).anyRequest().authenticated();
                });
        return http.build();
    }

    /** Reads need a viewer, changes an operator; the console's and the services' own checks may ask for more. */
    private static AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry apiRules(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry auth) {
        return auth
                .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                .requestMatchers("/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/**")
                .hasRole(TactRoles.VIEWER.name())
                .requestMatchers("/actuator/**").hasRole(TactRoles.ADMIN.name())
                // as the controllers' own checks, but before a request's parameters are read (a 403, not a 400)
                .requestMatchers(HttpMethod.GET, "/api/s3/buckets/*/object/content").hasRole(TactRoles.OPERATOR.name())
                .requestMatchers(HttpMethod.POST, "/api/queues/*/purge").hasRole(TactRoles.ADMIN.name())
                .requestMatchers(HttpMethod.GET, "/api/**", "/svc/**").hasRole(TactRoles.VIEWER.name())
                .requestMatchers(HttpMethod.HEAD, "/api/**", "/svc/**").hasRole(TactRoles.VIEWER.name())
                .requestMatchers("/api/**", "/svc/**").hasRole(TactRoles.OPERATOR.name());
    }

    /** The person's roles come from the ID token's (or user info's) role claim, as a service reads an access token's. */
    private static OAuth2UserService<OidcUserRequest, OidcUser> oidcUsers(RolesClaimConverter roles) {
        var delegate = new OidcUserService();
        return request -> {
            OidcUser user = delegate.loadUser(request);
            String nameAttribute = request.getClientRegistration().getProviderDetails().getUserInfoEndpoint()
                    .getUserNameAttributeName();
            return new DefaultOidcUser(roles.authorities(user.getClaims()), user.getIdToken(), user.getUserInfo(),
                    user.getClaims().containsKey(nameAttribute) ? nameAttribute : "sub");
        };
    }

    private static boolean hasBearerToken(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }
}
