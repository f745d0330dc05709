package com.tact.ciam.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The simulator's settings ({@code ciam.*}).
 *
 * @param issuer         the issuer every endpoint and token advertises ({@code TACT_OIDC_ISSUER})
 * @param audience       added to every access token's {@code aud}, beside the client id
 * @param accessTokenTtl how long an access token lives
 * @param devPassword    every user's password and every client's secret ({@code TACT_DEV_PASSWORD})
 * @param console        the console's sign-in client
 */
@Validated
@ConfigurationProperties("ciam")
public record CiamProperties(@NotBlank String issuer, @NotBlank String audience, @NotNull Duration accessTokenTtl,
                             @NotBlank String devPassword, @Valid @NotNull Console console) {

    /** @param redirectUris where the console may receive its authorization code ({@code CIAM_CONSOLE_REDIRECT_URIS}) */
    public record Console(@NotEmpty List<String> redirectUris) {
    }
}
