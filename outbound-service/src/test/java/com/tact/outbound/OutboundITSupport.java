package com.tact.outbound;

import com.tact.mockpartner.MockPartnerServer;
import com.tact.outbound.dispatch.internal.PartnerResilience;
import com.tact.outbound.publishing.EventPublisher;
import com.tact.outbound.publishing.PendingEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One Spring context for every end-to-end test (so that only one set of listeners consumes the partner
 * queues): the real moto server and Postgres of ./tact test, and a real mock partner over HTTP on loopback.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = {OutboundApplication.class,
        OutboundITSupport.RelayCrash.class})
@ActiveProfiles({"local", "it"})
abstract class OutboundITSupport {

    static final MockPartnerServer MOCK_PARTNER = startMockPartner();

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PartnerResilience resilience;
    @Autowired
    RelayCrash relayCrash;
    @LocalServerPort
    int port;

    MockPartnerFixture partner;
    OutboxFixture outbox;
    ApiFixture api;

    private static MockPartnerServer startMockPartner() {
        try {
            return MockPartnerServer.start("127.0.0.1", 0,
                    Map.of("custodian-a", "local-dev-custodian-a", "vendor-b", "local-dev-vendor-b"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void mockPartner(DynamicPropertyRegistry registry) {
        registry.add("TACT_MOCK_PARTNER_URL", MOCK_PARTNER::baseUrl);
    }

    @BeforeEach
    void fixtures() {
        partner = new MockPartnerFixture(MOCK_PARTNER);
        outbox = new OutboxFixture(jdbc);
        api = new ApiFixture(port);
        partner.resetAll();
        resilience.breaker("custodian-a").reset();
        resilience.breaker("vendor-b").reset();
    }

    /**
     * Lets a test make the relay "crash" after PutEvents succeeded and before the rows are marked, hold a relay
     * inside PutEvents (so that drains overlap), and see the order in which events went to the bus.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class RelayCrash {

        final AtomicInteger crashesLeft = new AtomicInteger();
        final AtomicInteger crashed = new AtomicInteger();
        /** Events in the order of the PutEvents calls that carried them. */
        final List<UUID> publishedOrder = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        /** While set, the first call carrying one of these events waits for {@link #release}. */
        volatile java.util.Set<UUID> holdFor = java.util.Set.of();
        final java.util.concurrent.atomic.AtomicBoolean holding = new java.util.concurrent.atomic.AtomicBoolean();
        volatile java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(0);

        @Bean
        @Primary
        EventPublisher crashingAfterPublish(@Qualifier("eventBridgeEventPublisher") EventPublisher real) {
            return new EventPublisher() {
                @Override
                public Map<UUID, EventPublisher.Refusal> publish(List<PendingEvent> events) {
                    if (events.stream().anyMatch(e -> holdFor.contains(e.id())) && holding.compareAndSet(false, true)) {
                        try {
                            release.await(60, java.util.concurrent.TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    events.forEach(e -> publishedOrder.add(e.id()));
                    Map<UUID, EventPublisher.Refusal> failed = real.publish(events);
                    if (crashesLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        crashed.incrementAndGet();
                        throw new IllegalStateException("simulated crash between PutEvents and marking the rows");
                    }
                    return failed;
                }
            };
        }
    }
}
