package com.tact.outbound.publishing.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.InterceptorContext;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

class AwsCallCounterTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AwsCallCounter counter = new AwsCallCounter(meters);

    @Test
    void countsCallsByOperationAndTheMessagesEachReceiveReturned() {
        call("ReceiveMessage", ReceiveMessageRequest.builder().build(),
                ReceiveMessageResponse.builder().messages(Message.builder().body("a").build(), Message.builder().body("b").build()).build());
        call("ReceiveMessage", ReceiveMessageRequest.builder().build(), ReceiveMessageResponse.builder().build());
        call("DeleteMessageBatch", DeleteMessageBatchRequest.builder().entries(DeleteMessageBatchRequestEntry.builder().id("1").build(),
                DeleteMessageBatchRequestEntry.builder().id("2").build(), DeleteMessageBatchRequestEntry.builder().id("3").build()).build(),
                DeleteMessageBatchResponse.builder().build());

        assertThat(meters.get("tact.aws.calls").tags("service", "Sqs", "operation", "ReceiveMessage", "outcome", "success").counter().count())
                .isEqualTo(2);
        assertThat(meters.get("tact.aws.calls").tags("operation", "DeleteMessageBatch").counter().count()).isEqualTo(1);
        assertThat(meters.get("tact.aws.sqs.received").counter().count()).isEqualTo(2);
        assertThat(meters.get("tact.aws.sqs.empty-receives").counter().count()).isEqualTo(1);
        assertThat(meters.get("tact.aws.sqs.batch-deleted").counter().count()).isEqualTo(3);
    }

    @Test
    void countsAFailedCallAsAnError() {
        InterceptorContext context = InterceptorContext.builder().request(ReceiveMessageRequest.builder().build()).build();
        counter.onExecutionFailure(new Context.FailedExecution() {
            @Override
            public Throwable exception() {
                return new IllegalStateException("down");
            }

            @Override
            public SdkRequest request() {
                return context.request();
            }

            @Override
            public Optional<SdkHttpRequest> httpRequest() {
                return Optional.empty();
            }

            @Override
            public Optional<SdkHttpResponse> httpResponse() {
                return Optional.empty();
            }

            @Override
            public Optional<SdkResponse> response() {
                return Optional.empty();
            }
        }, attributes("ReceiveMessage"));

        assertThat(meters.get("tact.aws.calls").tags("operation", "ReceiveMessage", "outcome", "error").counter().count()).isEqualTo(1);
    }

    private void call(String operation, SdkRequest request, SdkResponse response) {
        counter.afterExecution(InterceptorContext.builder().request(request).response(response).build(), attributes(operation));
    }

    private static ExecutionAttributes attributes(String operation) {
        ExecutionAttributes attributes = new ExecutionAttributes();
        attributes.putAttribute(SdkExecutionAttribute.SERVICE_NAME, "Sqs");
        attributes.putAttribute(SdkExecutionAttribute.OPERATION_NAME, operation);
        return attributes;
    }
}
