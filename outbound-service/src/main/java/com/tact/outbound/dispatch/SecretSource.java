package com.tact.outbound.dispatch;

/** Port: a secret by its id (AWS Secrets Manager in production), cached by the adapter. */
public interface SecretSource {

    /** The secret; {@link SecretUnavailableException} when the store cannot give it. */
    String secret(String secretId);

    /** Drops the cached value, so that the next {@link #secret} reads the store again (a rotated secret). */
    default void forget(String secretId) {
    }

    /** The store failed or has no such secret; the message never contains the secret. */
    class SecretUnavailableException extends RuntimeException {
        public SecretUnavailableException(String message) {
            super(message);
        }
    }
}
