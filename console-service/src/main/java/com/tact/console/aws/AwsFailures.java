package com.tact.console.aws;

import com.tact.console.errors.ConsoleException;
import com.tact.console.errors.ConsoleException.Kind;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * AWS failures in the caller's terms. What the adapters do not recognise as the caller's doing is AWS's or the
 * deployment's: throttling (503, retry), refused credentials or permissions (502, the console's role needs
 * fixing), AWS failing or unreachable (503). The AWS error code is named, the request's details are not echoed.
 */
public final class AwsFailures {

    private static final Set<String> THROTTLING = Set.of("SlowDown", "Throttling", "ThrottlingException",
            "ThrottledException", "RequestThrottled", "RequestLimitExceeded", "TooManyRequestsException",
            "AWS.SimpleQueueService.RequestThrottled");
    private static final Set<String> DENIED = Set.of("AccessDenied", "AccessDeniedException", "InvalidClientTokenId",
            "SignatureDoesNotMatch", "ExpiredToken", "InvalidAccessKeyId", "UnrecognizedClientException",
            "KMS.AccessDeniedException", "AllAccessDisabled");

    private AwsFailures() {
    }

    public static ConsoleException translate(SdkException e, String action) {
        if (e instanceof AwsServiceException ase) {
            String code = ase.awsErrorDetails() == null ? null : ase.awsErrorDetails().errorCode();
            int status = ase.statusCode();
            if (ase.isThrottlingException() || status == 429 || (code != null && THROTTLING.contains(code))) {
                return new ConsoleException(Kind.THROTTLED, "aws-throttled", null,
                        "AWS is throttling " + action + " (" + code + "); retry in a few seconds",
                        Map.of("awsErrorCode", String.valueOf(code), "retryAfterSeconds", 5), e);
            }
            if (status == 403 || (code != null && DENIED.contains(code))) {
                return new ConsoleException(Kind.UPSTREAM_REFUSED, "aws-access-denied", null,
                        "AWS denied " + action + " to the console's credentials (" + code
                                + "): its IAM role needs that permission", Map.of("awsErrorCode", String.valueOf(code)), e);
            }
            if (status >= 500) {
                return new ConsoleException(Kind.UPSTREAM_UNAVAILABLE, "aws-unavailable", null,
                        "AWS failed " + action + " (HTTP " + status + ", " + code + ")",
                        Map.of("awsErrorCode", String.valueOf(code)), e);
            }
            return new ConsoleException(Kind.UPSTREAM_REFUSED, "aws-refused", null,
                    "AWS refused " + action + " (HTTP " + status + ", " + code + ")",
                    Map.of("awsErrorCode", String.valueOf(code)), e);
        }
        return new ConsoleException(Kind.UPSTREAM_UNAVAILABLE, "aws-unreachable", null,
                "AWS could not be reached for " + action + ": " + e.getClass().getSimpleName(), null, e);
    }

    public static String errorCode(AwsServiceException e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }
}
