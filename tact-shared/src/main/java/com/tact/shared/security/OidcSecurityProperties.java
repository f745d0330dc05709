package com.tact.shared.security;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may call the services: access tokens (JWT) of one OpenID Connect issuer, the local CIAM simulator or
 * Cognito or a corporate CIAM in AWS. No default issuer outside the local profile: a service without one refuses to
 * start rather than trust nobody or everybody.
 *
 * @param issuer      the {@code iss} every token must carry (TACT_OIDC_ISSUER)
 * @param jwkSetUri   where the signing keys are; when absent, found through the issuer's
 *                    {@code /.well-known/openid-configuration} on first use (not at start-up, so that a service
 *                    starts while the identity provider is down)
 * @param audiences   at least one must be in the token's {@code aud}; empty turns the check off (Cognito access
 *                    tokens carry no {@code aud}, only {@code client_id})
 * @param rolesClaim  the claim holding the role names, a dotted path for nested claims
 *                    ({@code realm_access.roles}); {@code cognito:groups} for Cognito groups
 * @param jwksTimeout connect and read time-out of the key and discovery requests; an identity provider that does
 *                    not answer in time makes the request a 503, never a hung thread
 */
@Validated
@ConfigurationProperties("tact.security.oidc")
public record OidcSecurityProperties(
        @NotNull(message = "set tact.security.oidc.issuer (TACT_OIDC_ISSUER) to the OpenID Connect issuer whose tokens the service accepts")
        URI issuer,
        String jwkSetUri,
        @DefaultValue("tact") List<String> audiences,
        @DefaultValue("roles") String rolesClaim,
        @DefaultValue("3s") Duration jwksTimeout) {

    /** The configured key set location, or empty to discover it from the issuer. */
    public java.util.Optional<String> jwkSetLocation() {
        return jwkSetUri == null || jwkSetUri.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(jwkSetUri.trim());
    }
}
