package com.tact.shared.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The operators allowed to call a service's APIs (HTTP Basic). Passwords are stored encoded
 * ({@code {bcrypt}...}); {@code {noop}} is accepted for the local profile's dev credential only.
 * No default: a service without operators refuses to start rather than invent a password.
 */
@Validated
@ConfigurationProperties("tact.security")
public record OperatorSecurityProperties(@NotEmpty(message = "configure at least one operator under tact.security.operators")
                                         List<@Valid Operator> operators) {

    public record Operator(@NotBlank String username, @NotBlank String password, List<String> roles) {

        public List<String> rolesOrDefault() {
            return roles == null || roles.isEmpty() ? List.of("OPERATOR") : roles;
        }
    }
}
