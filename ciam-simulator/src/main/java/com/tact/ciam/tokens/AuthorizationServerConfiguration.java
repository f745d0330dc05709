package com.tact.ciam.tokens;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.tact.ciam.config.CiamProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/** What Spring Authorization Server needs from us: issuer, clients, keys and the suite's claims. */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

    @Bean
    AuthorizationServerSettings authorizationServerSettings(CiamProperties ciam) {
        return AuthorizationServerSettings.builder().issuer(ciam.issuer()).build();
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(CiamProperties ciam, PasswordEncoder encoder) {
        return new InMemoryRegisteredClientRepository(TactClients.all(ciam, encoder));
    }

    @Bean
    SigningKeys signingKeys() {
        return SigningKeys.generate();
    }

    /** /oauth2/jwks serves this set: the published key only, whatever the script says. */
    @Bean
    JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
        return new ImmutableJWKSet<>(new JWKSet(keys.published()));
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> roleClaims(CiamProperties ciam) {
        return new RoleClaims(ciam.audience());
    }
}
