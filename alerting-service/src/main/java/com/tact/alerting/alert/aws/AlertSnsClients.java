package com.tact.alerting.alert.aws;

import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The plain SNS client and the extended client wrapping it. Closing closes only the plain client: the extended
 * client's own close() would also close the S3 client, which belongs to the application context.
 */
record AlertSnsClients(SnsClient plain, SnsClient extended) implements AutoCloseable {

    @Override
    public void close() {
        plain.close();
    }
}
