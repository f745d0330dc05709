package com.tact.ciam.tokens;

import com.tact.ciam.config.CiamProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The suite's clients: one service client per role ({@code tact-viewer}, {@code tact-operator},
 * {@code tact-admin}; client credentials, their tokens carry that role) and the console ({@code tact-console};
 * authorization code with PKCE, its tokens carry the signed-in user's roles). Every secret is the dev password,
 * encoded once per client (the repository refuses two clients with the same encoded secret).
 */
final class TactClients {

    /** The client setting that holds a service client's roles. */
    static final String ROLES = "tact.roles";

    static final List<String> ROLE_NAMES = List.of("viewer", "operator", "admin");

    private TactClients() {
    }

    static List<RegisteredClient> all(CiamProperties ciam, PasswordEncoder encoder) {
        TokenSettings tokens = TokenSettings.builder().accessTokenTimeToLive(ciam.accessTokenTtl()).build();
        List<RegisteredClient> clients = new ArrayList<>();
        for (String role : ROLE_NAMES) {
            clients.add(RegisteredClient.withId(UUID.randomUUID().toString())
                    .clientId("tact-" + role)
                    .clientSecret(encoder.encode(ciam.devPassword()))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .clientSettings(ClientSettings.builder().setting(ROLES, List.of(role)).build())
                    .tokenSettings(tokens)
                    .build());
        }
        clients.add(RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId("tact-console")
                .clientSecret(encoder.encode(ciam.devPassword()))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> uris.addAll(ciam.console().redirectUris()))
                // after signing out (RP-initiated logout), back to the console's front page
                .postLogoutRedirectUris(uris -> ciam.console().redirectUris().forEach(uri ->
                        uris.add(uri.replaceFirst("/login/oauth2/code/[^/]*$", "/"))))
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(tokens)
                .build());
        return clients;
    }
}
