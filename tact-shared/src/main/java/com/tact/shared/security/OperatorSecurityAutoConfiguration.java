package com.tact.shared.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Every service API requires an authenticated operator; only health and info are open (load balancers
 * and orchestrators probe them). Stateless HTTP Basic: the APIs are called by scripts and the dashboard.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(OperatorSecurityProperties.class)
public class OperatorSecurityAutoConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService operatorUsers(OperatorSecurityProperties properties) {
        var users = properties.operators().stream()
                .map(op -> User.withUsername(op.username())
                        .password(op.password())
                        .roles(op.rolesOrDefault().toArray(String[]::new))
                        .build())
                .toList();
        var manager = new InMemoryUserDetailsManager(users);
        // a plain UserDetailsService, not the manager itself: the manager is also a UserDetailsPasswordService,
        // which would "upgrade" a {noop} password to bcrypt on first login and make every later request pay for it
        return manager::loadUserByUsername;
    }

    @Bean
    SecurityFilterChain operatorApiSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(new BasicChallengeEntryPoint()))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(new BasicChallengeEntryPoint()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .headers(Customizer.withDefaults());
        return http.build();
    }

    /** 401 with a Basic challenge and a problem+json body, like every other error of the APIs. */
    static final class BasicChallengeEntryPoint implements AuthenticationEntryPoint {

        @Override
        public void commence(HttpServletRequest request, HttpServletResponse response,
                             AuthenticationException authException) throws IOException {
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            response.setHeader("WWW-Authenticate", "Basic realm=\"tact\"");
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                    + "\"detail\":\"operator credentials are required\"}");
        }
    }
}
