package com.tact.ciam.sim;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Signs with the published key, or with the unpublished one while a {@code bad-key} step plays. Each delegate
 * sees exactly one key, so Nimbus never has two keys to choose from.
 */
public class ScriptedJwtEncoder implements JwtEncoder {

    private final JwtEncoder published;
    private final JwtEncoder unpublished;

    public ScriptedJwtEncoder(RSAKey publishedKey, RSAKey unpublishedKey) {
        this.published = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(publishedKey)));
        this.unpublished = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(unpublishedKey)));
    }

    @Override
    public Jwt encode(JwtEncoderParameters parameters) {
        return (ScriptedIdpFilter.currentStep().mode() == Mode.BAD_KEY ? unpublished : published).encode(parameters);
    }
}
