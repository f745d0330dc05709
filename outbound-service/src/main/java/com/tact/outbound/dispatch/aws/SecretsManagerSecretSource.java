package com.tact.outbound.dispatch.aws;

import com.tact.outbound.dispatch.SecretSource;
import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Partner client secrets from AWS Secrets Manager (a partner's {@code client-secret-id}). The client is built on
 * first use, so that a deployment without such partners never talks to Secrets Manager. Values stay in memory
 * until {@link #forget} (the token endpoint refused the secret: it may have been rotated).
 */
@Component
class SecretsManagerSecretSource implements SecretSource {

    private final AwsClientBuilderConfigurer configurer;
    private final Map<String, String> cache = new ConcurrentHashMap<>();
    private volatile SecretsManagerClient client;

    SecretsManagerSecretSource(AwsClientBuilderConfigurer configurer) {
        this.configurer = configurer;
    }

    @Override
    public String secret(String secretId) {
        try {
            return cache.computeIfAbsent(secretId, id -> client().getSecretValue(b -> b.secretId(id)).secretString());
        } catch (SdkException e) {
            String code = e instanceof AwsServiceException s && s.awsErrorDetails() != null ? s.awsErrorDetails().errorCode()
                    : e.getClass().getSimpleName();
            throw new SecretUnavailableException("Secrets Manager: " + code + " for " + secretId);
        }
    }

    @Override
    public void forget(String secretId) {
        cache.remove(secretId);
    }

    private SecretsManagerClient client() {
        SecretsManagerClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = configurer.configure(SecretsManagerClient.builder()).build();
                }
                c = client;
            }
        }
        return c;
    }
}
