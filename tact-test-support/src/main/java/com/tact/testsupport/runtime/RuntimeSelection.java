package com.tact.testsupport.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the switch and, for containers, starts them and returns the variables that ./tact's env file would hold
 * for them. Processes (the default) return nothing: the variables are the ones ./tact test exported. Never falls
 * back from one to the other.
 */
final class RuntimeSelection {

    static final String SWITCH = "TACT_TEST_RUNTIME";
    static final String PROCESSES = "processes";
    static final String CONTAINERS = "containers";
    static final String DB = "tact";
    static final String CREDENTIAL = "local";

    /** Every variable the containers provide: the env file's, less what the ITs start themselves. */
    static final List<String> PROVIDED = List.of("TACT_ENV", "AWS_ENDPOINT_URL", "AWS_REGION", "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY", "TACT_S3_PATH_STYLE", "TACT_JDBC_URL", "TACT_DB_USER", "TACT_DB_PASSWORD",
            "TACT_INBOUND_BUCKET", "TACT_INBOUND_PREFIX", "TACT_INBOUND_QUEUE", "TACT_INBOUND_DLQ", "TACT_EVENT_BUS",
            "TACT_ALERT_PAYLOAD_BUCKET", "TACT_OUTBOUND_CUSTODIAN_A_QUEUE", "TACT_OUTBOUND_CUSTODIAN_A_DLQ",
            "TACT_OUTBOUND_VENDOR_B_QUEUE", "TACT_OUTBOUND_VENDOR_B_DLQ");

    private final Docker docker;
    private final ContainerStarter starter;
    private final Provisioner provisioner;
    private final ResourceNames names;

    RuntimeSelection(Docker docker, ContainerStarter starter, Provisioner provisioner, ResourceNames names) {
        this.docker = docker;
        this.starter = starter;
        this.provisioner = provisioner;
        this.names = names;
    }

    static boolean containers(Function<String, String> env) {
        String value = env.apply(SWITCH);
        String kind = value == null || value.isBlank() ? PROCESSES : value.trim().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case PROCESSES -> false;
            case CONTAINERS -> true;
            default -> throw new IllegalStateException(SWITCH + "=" + value + " is not a test runtime: use " + PROCESSES
                    + " (the default: the emulator and Postgres that ./tact test starts as host processes) or "
                    + CONTAINERS + " (both as containers; needs a Docker engine)");
        };
    }

    /** @param env the process environment (System::getenv) */
    Map<String, String> variables(Function<String, String> env) {
        if (!containers(env)) {
            return Map.of();
        }
        if (!docker.answers()) {
            throw new IllegalStateException(SWITCH + "=" + CONTAINERS + " needs a Docker engine, and none answers"
                    + " (Testcontainers looked at DOCKER_HOST, ~/.testcontainers.properties and /var/run/docker.sock)."
                    + " Start one, or unset " + SWITCH + " to run against the host processes that ./tact test starts.");
        }
        var plan = ContainerPlan.from(env);
        var started = starter.start(plan);
        String tactEnv = env.apply("TACT_ENV") == null || env.apply("TACT_ENV").isBlank() ? "local" : env.apply("TACT_ENV");
        provisioner.provision(started.emulatorEndpoint(), tactEnv);

        var variables = new LinkedHashMap<String, String>();
        variables.put("TACT_ENV", tactEnv);
        variables.put("AWS_ENDPOINT_URL", started.emulatorEndpoint().toString());
        variables.put("AWS_REGION", names.region());
        variables.put("AWS_ACCESS_KEY_ID", CREDENTIAL);
        variables.put("AWS_SECRET_ACCESS_KEY", CREDENTIAL);
        variables.put("TACT_S3_PATH_STYLE", "true");
        variables.put("TACT_JDBC_URL", started.jdbcUrl());
        variables.put("TACT_DB_USER", started.dbUser());
        variables.put("TACT_DB_PASSWORD", started.dbPassword());
        variables.putAll(names.variables(tactEnv));
        return Map.copyOf(variables);
    }

    /** The AWS SDK's system properties, which it reads before AWS_* variables: for services in the tests' JVM. */
    static Map<String, String> sdkSystemProperties(Map<String, String> variables) {
        if (variables.isEmpty()) {
            return Map.of();
        }
        return Map.of("aws.endpointUrl", variables.get("AWS_ENDPOINT_URL"), "aws.region", variables.get("AWS_REGION"),
                "aws.accessKeyId", variables.get("AWS_ACCESS_KEY_ID"),
                "aws.secretAccessKey", variables.get("AWS_SECRET_ACCESS_KEY"));
    }
}
