package com.tact.console.web;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The console's sign-in and the services it fronts.
 *
 * @param oidc     the OpenID Connect client the console signs people in with (authorization code + PKCE)
 * @param services base URLs of the services whose APIs the console's pages call with the signed-in person's token
 * @param tracesUrl the trace UI (Zipkin locally) that file pages link to, optional
 */
@Validated
@ConfigurationProperties("tact.console.ui")
public record ConsoleUiProperties(@NotNull Oidc oidc, @NotNull Services services, String tracesUrl,
                                @DefaultValue("30s") Duration serviceTimeout) {

    /**
     * @param issuer       the provider's issuer (TACT_OIDC_ISSUER); the ID token must name it
     * @param endpointBase where the provider's /oauth2/authorize, /oauth2/token, /oauth2/jwks, /userinfo live
     *                     (Spring Authorization Server's layout; the issuer when unset)
     */
    public record Oidc(@NotNull URI issuer, URI endpointBase, @DefaultValue("tact-console") String clientId,
                       @NotNull String clientSecret, @DefaultValue("preferred_username") String userNameAttribute) {

        public String endpoint(String path) {
            String base = (endpointBase == null ? issuer : endpointBase).toString();
            return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
        }
    }

    public record Services(@NotNull URI inbound, @NotNull URI outbound, @NotNull URI alerting) {

        public URI of(String name) {
            return switch (name) {
                case "inbound" -> inbound;
                case "outbound" -> outbound;
                case "alerting" -> alerting;
                default -> null;
            };
        }
    }
}
