package com.tact.ciam.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.util.UUID;

/**
 * The simulator's two RSA signing keys, made at start and kept in memory: the published one (served at
 * /oauth2/jwks) and one that is never published, for the {@code bad-key} script.
 */
public record SigningKeys(RSAKey published, RSAKey unpublished) {

    public static SigningKeys generate() {
        return new SigningKeys(rsaKey(), rsaKey());
    }

    private static RSAKey rsaKey() {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }
}
