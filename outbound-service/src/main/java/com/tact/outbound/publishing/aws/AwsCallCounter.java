package com.tact.outbound.publishing.aws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Counts the AWS calls of the clients it is added to, by service, operation and outcome ({@code tact.aws.calls}),
 * the messages each SQS receive returned ({@code tact.aws.sqs.received}, and {@code tact.aws.sqs.empty-receives})
 * and the entries of each batch delete ({@code tact.aws.sqs.batch-deleted}): what a delivery costs in calls is
 * then a ratio of two counters (bench/outbound).
 */
public class AwsCallCounter implements ExecutionInterceptor {

    private final MeterRegistry meters;
    private final Map<String, Counter> calls = new ConcurrentHashMap<>();
    private final Counter received;
    private final Counter emptyReceives;
    private final Counter batchDeleted;

    public AwsCallCounter(MeterRegistry meters) {
        this.meters = meters;
        this.received = meters.counter("tact.aws.sqs.received");
        this.emptyReceives = meters.counter("tact.aws.sqs.empty-receives");
        this.batchDeleted = meters.counter("tact.aws.sqs.batch-deleted");
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        count(attributes, "success");
        if (context.response() instanceof ReceiveMessageResponse r) {
            received.increment(r.messages().size());
            if (r.messages().isEmpty()) {
                emptyReceives.increment();
            }
        } else if (context.request() instanceof DeleteMessageBatchRequest d) {
            batchDeleted.increment(d.entries().size());
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        count(attributes, "error");
    }

    private void count(ExecutionAttributes attributes, String outcome) {
        String service = String.valueOf(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME));
        String operation = String.valueOf(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        calls.computeIfAbsent(service + '/' + operation + '/' + outcome, k -> meters.counter("tact.aws.calls",
                "service", service, "operation", operation, "outcome", outcome)).increment();
    }
}
