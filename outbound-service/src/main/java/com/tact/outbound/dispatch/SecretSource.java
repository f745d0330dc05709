package com.tact.outbound.dispatch;

/** Port: a secret by its id (AWS Secrets Manager in production). */
public interface SecretSource {

    String secret(String secretId);
}
