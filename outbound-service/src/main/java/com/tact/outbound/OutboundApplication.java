package com.tact.outbound;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Outbound dispatch (transactional outbox -> EventBridge -> partner queues -> partner APIs); not built yet. */
@SpringBootApplication
public class OutboundApplication {

    public static void main(String[] args) {
        SpringApplication.run(OutboundApplication.class, args);
    }
}
