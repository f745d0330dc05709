package com.tact.ciam.tokens;

import java.util.List;
import java.util.stream.Stream;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Puts the suite's claims into the tokens: {@code roles} (the service client's role, or the signed-in user's
 * roles) in access and ID tokens, {@code preferred_username} for a user, and the suite's audience beside the
 * client id in access tokens. The services map the roles (and their hierarchy) themselves.
 */
class RoleClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private static final String ROLE_PREFIX = "ROLE_";

    private final String audience;

    RoleClaims(String audience) {
        this.audience = audience;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
        boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
        if (!accessToken && !idToken) {
            return;
        }
        boolean forClient = AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType());
        if (forClient) {
            List<String> roles = context.getRegisteredClient().getClientSettings().getSetting(TactClients.ROLES);
            context.getClaims().claim("roles", roles == null ? List.of() : roles);
        } else {
            Authentication user = context.getPrincipal();
            context.getClaims().claim("roles", rolesOf(user)).claim("preferred_username", user.getName());
        }
        if (accessToken) {
            context.getClaims().audience(List.of(context.getRegisteredClient().getClientId(), audience));
        }
    }

    private static List<String> rolesOf(Authentication user) {
        return user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .flatMap(a -> a.startsWith(ROLE_PREFIX) ? Stream.of(a.substring(ROLE_PREFIX.length())) : Stream.empty())
                .toList();
    }
}
