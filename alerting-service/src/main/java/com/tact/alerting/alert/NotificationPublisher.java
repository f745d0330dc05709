package com.tact.alerting.alert;

/** The port the outbox relay publishes through (SNS in every environment; see the aws package). */
public interface NotificationPublisher {

    /**
     * Publishes one notification; idempotent per alert id as far as the transport allows.
     *
     * @throws PublishException retryable (network, throttling, 5xx, ...) or permanent (the message itself is refused)
     */
    Published publish(Notification notification) throws PublishException;

    /** @param payloadPointer where the body went when it was offloaded, else null */
    record Published(String messageId, String payloadPointer) {
        public boolean offloaded() {
            return payloadPointer != null;
        }
    }

    final class PublishException extends RuntimeException {
        private final boolean retryable;

        public PublishException(String message, boolean retryable, Throwable cause) {
            super(message, cause);
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }
}
