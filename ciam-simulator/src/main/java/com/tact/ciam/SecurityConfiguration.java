package com.tact.ciam;

import static org.springframework.security.config.Customizer.withDefaults;

import com.tact.ciam.signin.SignInFailureHandler;
import com.tact.ciam.users.UserDirectory;
import java.time.InstantSource;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Three filter chains: the authorization server's endpoints; the /sim API and health, open (dev/QA only); and
 * everything else behind the sign-in form, with CSRF protection on.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
        http.oauth2AuthorizationServer(server -> {
            http.securityMatcher(server.getEndpointsMatcher());
            server.oidc(withDefaults());
        });
        http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated());
        // /userinfo takes the access token
        http.oauth2ResourceServer(resourceServer -> resourceServer.jwt(withDefaults()));
        // a browser that is not signed in goes to the sign-in page; an API client gets 401
        MediaTypeRequestMatcher browsers = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        browsers.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        http.exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                new LoginUrlAuthenticationEntryPoint("/login"), browsers));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain simulatorApi(HttpSecurity http) throws Exception {
        http.securityMatcher("/sim/**", "/actuator/health", "/actuator/health/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain signIn(HttpSecurity http, SignInFailureHandler failureHandler) throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers("/login", "/error").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").failureHandler(failureHandler));
        return http.build();
    }

    @Bean
    SignInFailureHandler signInFailureHandler(UserDirectory directory) {
        return new SignInFailureHandler(directory);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    InstantSource clock() {
        return InstantSource.system();
    }
}
