package com.tact.outbound;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Outbound dispatch: the relay publishes the shared transactional outbox to EventBridge; rules route each
 * event to one SQS queue per partner; the dispatcher calls the partner's API (OAuth, retry, circuit breaker,
 * per-bucket switch, weighted endpoints) and records every attempt in the delivery ledger.
 */
@SpringBootApplication
public class OutboundApplication {

    public static void main(String[] args) {
        SpringApplication.run(OutboundApplication.class, args);
    }
}
